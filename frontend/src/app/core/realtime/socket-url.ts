/** Same origin as the page: `ws(s)://<host>/api/ws?token=<jwt>[&since=<seq>]`. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string, since: number | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const resume = since === null ? '' : `&since=${since}`;
  return `${scheme}://${location.host}/api/ws?token=${encodeURIComponent(token)}${resume}`;
}

import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Whether the peer at `address`, `hop` steps from this server (0: the socket's peer), is a proxy to believe. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The address ranges Express knows by name, accepted in TRUST_PROXY. */
const namedRanges: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `::ffff:10.0.0.1` (an IPv4 peer of a dual-stack socket) is `10.0.0.1`. */
function normalise(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * TRUST_PROXY as a function, the same for Express (`request.ip`, `request.secure`) and the WebSocket upgrade: a hop
 * count trusts that many proxies in front of the server; a list trusts peers in those addresses and ranges.
 */
export function compileTrustProxy(setting: number | string[]): TrustProxy {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  const trusted = new BlockList();
  for (const entry of setting.flatMap((item) => namedRanges[item] ?? [item])) {
    const [address, bits] = entry.split('/');
    if (bits === undefined) trusted.addAddress(address, family(address));
    else trusted.addSubnet(address, Number(bits), family(address));
  }
  return (address) => {
    const plain = normalise(address);
    return isIP(plain) !== 0 && trusted.check(plain, family(plain));
  };
}

/**
 * The client's address: the socket's peer, then each `X-Forwarded-For` entry from the nearest, for as long as the
 * peer that reported it is trusted. What an untrusted client writes in the header is never believed.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  let address = normalise(request.socket.remoteAddress ?? 'unknown');
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  for (let hop = 0; hop < forwarded.length && trust(address, hop); hop++) address = normalise(forwarded[hop]).slice(0, 64);
  return address;
}

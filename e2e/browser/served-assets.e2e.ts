/** How the built web app is served: compressed when the browser accepts it, hashed files cached for a year, index.html revalidated. */
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type RunningServer, startServer } from '../support/server';

describe('served assets', () => {
  let server: RunningServer;
  let mainScript: string;

  beforeAll(async () => {
    server = await startServer();
    const html = (await get('', 'identity')).body.toString();
    mainScript = /src="(main-[A-Z0-9]+\.js)"/.exec(html)![1];
  });

  afterAll(() => server?.dispose());

  /** The raw answer, bytes as sent (fetch would decompress them). */
  const get = (path: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(`${server.url}/${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      }).on('error', reject);
    });

  it('revalidates index.html on every load, on every app route', async () => {
    for (const path of ['', 'dashboard', 'tasks?scope=mine', 'index.html']) {
      const answer = await get(path, 'identity');
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  it('caches hashed files for a year', async () => {
    const answer = await get(mainScript, 'identity');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  it('sends Brotli, then gzip, to browsers that accept them, with the same content', async () => {
    const plain = (await get(mainScript, 'identity')).body;
    const br = await get(mainScript, 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);

    const gzip = await get(mainScript, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);

    // index.html no longer inlines the critical CSS (its onload handler is an inline script, which the CSP refuses):
    // under 1 KiB it is not worth compressing, and is sent as it is.
    const index = await get('tasks', 'br');
    const html = index.headers['content-encoding'] === 'br' ? brotliDecompressSync(index.body) : index.body;
    expect(html.toString()).toContain('<tp-root');
    expect(index.headers['content-encoding'] === 'br' || index.body.length < 1024).toBe(true);
  });
});

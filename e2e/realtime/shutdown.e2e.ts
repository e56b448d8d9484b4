import { request } from 'node:http';
import { Api } from '../support/api';
import { startServer } from '../support/server';
import { connectAcked, delay } from '../support/ws';
import { closeCodes } from '@taskpulse/contract';
import { withTimeout } from '@taskpulse/test-support';

describe('realtime shutdown', () => {
  it('on SIGTERM closes every socket with 1001, finishes the request in flight and exits 0', async () => {
    const server = await startServer();
    let inFlight: ReturnType<typeof startSlowRequest> | undefined;
    try {
      const api = new Api(server.url);
      const [ada, bob] = await Promise.all([api.register(), api.register()]);
      const sockets = await Promise.all([ada, ada, bob].map((user) => connectAcked(server.wsUrl, { token: user.token })));
      const body = JSON.stringify({ title: 'sent while the server stops' });
      inFlight = startSlowRequest(`${server.url}/api/tasks`, ada.token, body);
      await withTimeout(inFlight.headersSent, 5000, 'the first half of the request to be sent');

      const exited = server.stop('SIGTERM');
      const closes = await withTimeout(Promise.all(sockets.map((s) => s.closed)), 5000, 'the sockets to close');
      await delay(300);
      expect(server.process.exitCode).toBeNull();
      inFlight.finish();

      expect(closes.map((c) => c.code)).toEqual([closeCodes.GOING_AWAY, closeCodes.GOING_AWAY, closeCodes.GOING_AWAY]);
      expect(await withTimeout(inFlight.status, 5000, 'the answer to the request in flight')).toBe(201);
      expect(await withTimeout(exited, 10_000, 'the process to exit')).toBe(0);
    } finally {
      inFlight?.finish();
      await server.dispose();
    }
  });
});

/** A POST whose body arrives in two halves, so it is in flight when the signal comes. */
function startSlowRequest(url: string, token: string, body: string) {
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  const headersSent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  let finished = false;
  const finish = () => {
    if (!finished) req.end(body.slice(half));
    finished = true;
  };
  return { status, headersSent, finish };
}

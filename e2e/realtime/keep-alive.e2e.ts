import WebSocket from 'ws';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, delay } from '../support/ws';
import type { ServerMessage } from '@taskpulse/contract';
import { withTimeout } from '@taskpulse/test-support';

const HEARTBEAT_MS = 300;

describe('realtime keep-alive', () => {
  let server: RunningServer;
  let ada: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { WS_HEARTBEAT: `${HEARTBEAT_MS}ms` } });
    ada = await new Api(server.url).register();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('announces heartbeat_ms in the ack', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    expect((sut.messages[0] as ServerMessage<'connection_ack'>).data.heartbeat_ms).toBe(HEARTBEAT_MS);
    sut.close();
  });

  it('pings every heartbeat_ms and keeps a client that answers', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });
    let pings = 0;
    sut.socket.on('ping', () => (pings += 1));

    await delay(HEARTBEAT_MS * 4);

    expect(pings).toBeGreaterThanOrEqual(2);
    expect(sut.socket.readyState).toBe(WebSocket.OPEN);
    sut.close();
  });

  it('terminates a peer that misses a pong', async () => {
    const sut = new WebSocket(`${server.wsUrl}?token=${ada.token}`, { autoPong: false });
    const closed = new Promise<number>((resolve) => sut.on('close', (code) => resolve(code)));

    const code = await withTimeout(closed, HEARTBEAT_MS * 6, 'the server to drop the silent peer');

    expect(code).toBe(1006);
  });
});

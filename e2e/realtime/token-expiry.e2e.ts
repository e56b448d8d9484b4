import { Api } from '../support/api';
import { E2E_JWT_SECRET, RunningServer, startServer } from '../support/server';
import { connectAcked, connectSocket, delay } from '../support/ws';
import { closeCodes, type ServerMessage } from '@taskpulse/contract';
import { tokenFor, withTimeout } from '@taskpulse/test-support';

/** Access tokens live 2 s on this server, so expiry happens during the test; the tests wait, so they run concurrently. */
describe('realtime token expiry', () => {
  let server: RunningServer;
  let api: Api;

  beforeAll(async () => {
    server = await startServer({ env: { JWT_TTL: '2s' } });
    api = new Api(server.url);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it.concurrent('closes 4401 when the token expires unrefreshed', async () => {
    const ada = await api.register();
    const sut = await connectAcked(server.wsUrl, { token: ada.token });
    const expiresAt = Date.parse((sut.messages[0] as ServerMessage<'connection_ack'>).data.expires_at);

    const { code } = await withTimeout(sut.closed, 4000, 'the 4401 at expiry');

    expect(code).toBe(closeCodes.TOKEN_INVALID);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
  });

  it.concurrent('stays open past the expiry after an auth message with a fresh token of the same user', async () => {
    const ada = await api.register();
    const sut = await connectAcked(server.wsUrl, { token: ada.token });
    const expiresAt = Date.parse((sut.messages[0] as ServerMessage<'connection_ack'>).data.expires_at);

    sut.send({ type: 'auth', token: tokenFor(ada.id, E2E_JWT_SECRET, 60) });
    await delay(Math.max(0, expiresAt - Date.now()) + 700);
    sut.send({ type: 'ping', id: 'after-old-expiry' });

    await sut.waitFor((m) => m.event_type === 'pong', 'a pong after the old expiry');
    expect(sut.socket.readyState).toBe(sut.socket.OPEN);
    sut.close();
  });

  it.concurrent('accepts a token from the refresh endpoint on auth', async () => {
    const ada = await api.register();
    const sut = await connectAcked(server.wsUrl, { token: ada.token });
    const firstExpiry = Date.parse((sut.messages[0] as ServerMessage<'connection_ack'>).data.expires_at);
    // Refresh 0.8 s before the first expiry: always a later second than the first token's, so a later exp (1 s steps).
    await delay(Math.max(0, firstExpiry - Date.now() - 800));
    const refreshed = await api.request('POST', '/api/auth/refresh', { body: { refresh_token: ada.refreshToken } });
    expect(refreshed.status).toBe(200);

    sut.send({ type: 'auth', token: refreshed.body.access_token });
    await delay(Math.max(0, firstExpiry - Date.now()) + 300);

    expect(sut.socket.readyState).toBe(sut.socket.OPEN);
    expect((await withTimeout(sut.closed, 4000, 'the 4401 at the new expiry')).code).toBe(closeCodes.TOKEN_INVALID);
  });

  it.concurrent('refuses a connection whose token has just expired', async () => {
    const ada = await api.register();
    await delay(2100);

    const sut = connectSocket(server.wsUrl, { token: ada.token });

    expect((await withTimeout(sut.closed, 4000, 'the 4401 at connect')).code).toBe(closeCodes.TOKEN_INVALID);
    expect(sut.messages).toEqual([]);
  });
});

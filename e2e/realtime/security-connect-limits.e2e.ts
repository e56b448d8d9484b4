/** Connection attempts are limited per user and per client address: past a limit, 1013 with a retry hint. */
import { closeCodes } from '@taskpulse/contract';
import { withTimeout } from '@taskpulse/test-support';
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, connectSocket } from '../support/ws';

const ATTEMPTS_PER_USER = 10;
const ATTEMPTS_PER_ADDRESS = 60;

describe('connection attempt limits', () => {
  let server: RunningServer;
  let api: Api;
  let bystander: TestUser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        WS_CONNECT_RATE_LIMIT: String(ATTEMPTS_PER_USER),
        WS_CONNECT_RATE_LIMIT_PER_ADDRESS: String(ATTEMPTS_PER_ADDRESS),
        WS_CONNECT_WINDOW: '10s',
      },
    });
    api = new Api(server.url);
    bystander = await api.register({ name: 'Bystander' });
  });
  afterAll(() => server?.dispose());

  it('closes a user past WS_CONNECT_RATE_LIMIT attempts with 1013 and a retry hint; other users connect', async () => {
    const user = await api.register();
    const headers = { 'x-forwarded-for': '203.0.113.10' };
    for (let i = 0; i < ATTEMPTS_PER_USER; i++) (await connectAcked(server.wsUrl, { token: user.token, headers })).close();

    const refused = connectSocket(server.wsUrl, { token: user.token, headers });
    const closed = await withTimeout(refused.closed, 5000, 'the 1013 close');

    expect(closed.code).toBe(closeCodes.TRY_AGAIN_LATER);
    expect(closed.reason).toMatch(/^too many connection attempts; retry_after=([1-9]|10)$/);
    expect(refused.messages).toEqual([]);
    const other = await connectAcked(server.wsUrl, { token: bystander.token, headers });
    other.close();
  });

  it('closes an address past WS_CONNECT_RATE_LIMIT_PER_ADDRESS attempts, whoever they claim to be; other addresses connect', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.20' };
    const attempts = Array.from({ length: ATTEMPTS_PER_ADDRESS }, () => connectSocket(server.wsUrl, { token: 'not-a-token', headers }));
    const codes = await Promise.all(attempts.map((attempt) => withTimeout(attempt.closed, 5000, 'a refused attempt')));
    expect(new Set(codes.map((c) => c.code))).toEqual(new Set([closeCodes.TOKEN_INVALID]));

    const user = await api.register();
    const refused = connectSocket(server.wsUrl, { token: user.token, headers });
    const closed = await withTimeout(refused.closed, 5000, 'the 1013 close');
    expect(closed.code).toBe(closeCodes.TRY_AGAIN_LATER);
    expect(closed.reason).toMatch(/retry_after=\d+$/);
    (await connectAcked(server.wsUrl, { token: user.token, headers: { 'x-forwarded-for': '203.0.113.21' } })).close();
  });
});

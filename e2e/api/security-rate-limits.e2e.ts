/**
 * Rate limits that slow attackers without locking anyone else out: per account and per client address (told apart
 * behind a proxy by X-Forwarded-For, believed per TRUST_PROXY), refresh on a budget of its own, lookups and
 * mutations per user.
 */
import { Api, type TestUser } from '../support/api';
import { anEmail } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

const ACCOUNT_LIMIT = 10;
const ADDRESS_LIMIT = 20;
const REFRESH_LIMIT = 5;
const LOOKUP_LIMIT = 5;
const MUTATION_LIMIT = 10;

let server: RunningServer;
let untrusting: RunningServer;
let api: Api;
let nextAddress = 1;
/** A client address of its own for each caller, as a load balancer would report it. */
const anAddress = () => `198.51.100.${nextAddress++}`;

beforeAll(async () => {
  const limits = {
    AUTH_ACCOUNT_RATE_LIMIT: String(ACCOUNT_LIMIT),
    AUTH_RATE_LIMIT: String(ADDRESS_LIMIT),
    REFRESH_RATE_LIMIT: String(REFRESH_LIMIT),
    USER_LOOKUP_RATE_LIMIT: String(LOOKUP_LIMIT),
    MUTATION_RATE_LIMIT: String(MUTATION_LIMIT),
  };
  [server, untrusting] = await Promise.all([
    startServer({ env: { ...limits, TRUST_PROXY: '1' } }),
    startServer({ env: { ...limits, TRUST_PROXY: '10.0.0.0/8' } }),
  ]);
  api = new Api(server.url);
});
afterAll(() => Promise.all([server?.dispose(), untrusting?.dispose()]));

const login = (email: string, password: string, from: string, on = api) =>
  on.request('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': from } });

/** A new user, registered from an address of its own (registering spends the address's sign-in budget). */
async function registered(on = api): Promise<TestUser> {
  const email = anEmail('limits');
  const password = 'correct horse battery';
  const answer = await on.request('POST', '/api/auth/register', {
    body: { email, password, name: 'Limits' },
    headers: { 'x-forwarded-for': anAddress() },
  });
  expect(answer).toHaveStatus(201);
  const { user, access_token: token, refresh_token: refreshToken } = answer.body;
  return { id: user.id, email, name: user.name, password, token, refreshToken };
}

function expectLimited(answer: Awaited<ReturnType<Api['request']>>): void {
  expect(answer).toBeErrorAnswer(429);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

describe('sign-in limits', () => {
  it('limits 30 bad passwords for one account from 30 addresses, without locking out anyone else', async () => {
    const victim = await registered();
    const bystander = await registered();
    const addresses = Array.from({ length: 30 }, anAddress);

    const statuses: number[] = [];
    for (const address of addresses) statuses.push((await login(victim.email, 'wrong password!', address)).status);

    expect(statuses.slice(0, ACCOUNT_LIMIT)).toEqual(Array(ACCOUNT_LIMIT).fill(401));
    expect(statuses.slice(ACCOUNT_LIMIT)).toEqual(Array(30 - ACCOUNT_LIMIT).fill(429));
    expectLimited(await login(victim.email, 'wrong password!', anAddress()));
    expect(await login(bystander.email, bystander.password, addresses[29])).toHaveStatus(200);
    expect(await login(bystander.email, bystander.password, anAddress())).toHaveStatus(200);
  });

  it('limits one address trying 25 accounts, without locking out those accounts or other addresses', async () => {
    const accounts = await Promise.all(Array.from({ length: 25 }, registered));
    const attacker = anAddress();

    const statuses: number[] = [];
    for (const account of accounts) statuses.push((await login(account.email, 'wrong password!', attacker)).status);

    expect(statuses.slice(0, ADDRESS_LIMIT)).toEqual(Array(ADDRESS_LIMIT).fill(401));
    expect(statuses.slice(ADDRESS_LIMIT)).toEqual(Array(25 - ADDRESS_LIMIT).fill(429));
    expectLimited(await login(accounts[0].email, accounts[0].password, attacker));
    for (const account of [accounts[0], accounts[24]]) expect(await login(account.email, account.password, anAddress())).toHaveStatus(200);
    const other = await registered();
    expect(await login(other.email, other.password, anAddress())).toHaveStatus(200);
  });

  it('gives refresh a budget of its own per address', async () => {
    const user = await registered();
    const address = anAddress();
    for (let i = 0; i < ADDRESS_LIMIT; i++) await login(user.email, 'wrong password!', address);
    expectLimited(await login(user.email, user.password, address));

    let token = user.refreshToken;
    for (let i = 0; i < REFRESH_LIMIT; i++) {
      const refreshed = await api.request('POST', '/api/auth/refresh', {
        body: { refresh_token: token },
        headers: { 'x-forwarded-for': address },
      });
      expect(refreshed).toHaveStatus(200);
      token = refreshed.body.refresh_token;
    }
    expectLimited(
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: token }, headers: { 'x-forwarded-for': address } }),
    );
    expect(
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: token }, headers: { 'x-forwarded-for': anAddress() } }),
    ).toHaveStatus(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy: from anyone else, every claimed address is the sender', async () => {
    const sut = new Api(untrusting.url);
    const [user, other] = [await registered(sut), await registered(sut)];
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_LIMIT + 1; i++) statuses.push((await login(user.email, 'wrong password!', anAddress(), sut)).status);

    // All came from one sender, whatever they claimed: the two registrations and 18 attempts fill its budget of 20.
    expect(statuses.filter((status) => status === 429).length).toBe(ADDRESS_LIMIT + 1 - ACCOUNT_LIMIT);
    expectLimited(await login(other.email, other.password, anAddress(), sut));
  });
});

describe('per-user limits', () => {
  it('limits GET /api/users lookups per user', async () => {
    const [looker, other, target] = [await registered(), await registered(), await registered()];
    const lookup = (as: TestUser) => api.request('GET', `/api/users?email=${encodeURIComponent(target.email)}`, { token: as.token });

    for (let i = 0; i < LOOKUP_LIMIT; i++) expect(await lookup(looker)).toHaveStatus(200);
    expectLimited(await lookup(looker));
    expect(await lookup(other)).toHaveStatus(200);
  });

  it('limits mutations per user, and leaves their reads and other users alone', async () => {
    const [writer, other] = [await registered(), await registered()];
    const create = (as: TestUser) => api.request('POST', '/api/tasks', { token: as.token, body: { title: 'one more' } });

    for (let i = 0; i < MUTATION_LIMIT; i++) expect(await create(writer)).toHaveStatus(201);
    expectLimited(await create(writer));
    expect(await api.request('GET', '/api/tasks', { token: writer.token })).toHaveStatus(200);
    expect(await create(other)).toHaveStatus(201);
  });
});

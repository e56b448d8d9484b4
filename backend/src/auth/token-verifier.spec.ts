import { jest } from '@jest/globals';
import { signJwt } from '@taskpulse/test-support';
import { loadConfig } from '../platform/config/app-config';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const secret = 'unit-secret-0123456789-0123456789-0123456789';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenVerifier', () => {
  const sut = new TokenVerifier(loadConfig({ JWT_SECRET: secret, DATA_DIR: '/tmp/taskpulse-unit-config' }));
  const future = Math.floor(Date.now() / 1000) + 600;

  it('verifies what it signs', () => {
    const { token, expiresAt } = sut.sign('user-1', 'session-1');
    expect(sut.verify(token)).toEqual({ userId: 'user-1', sessionId: 'session-1', expiresAt });
    expect(expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['malformed', 'not-a-jwt'],
    ['wrong signature', signJwt({ sub: 'u', exp: future }, { secret: 'another-secret-0123456789-0123456789' })],
    ['alg none', signJwt({ sub: 'u', exp: future }, { alg: 'none' })],
    ['expired', signJwt({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 5 }, { secret })],
    ['without subject', signJwt({ exp: future }, { secret })],
  ])('rejects a %s token', (_, token) => {
    expect(() => sut.verify(token)).toThrow(InvalidTokenError);
  });

  it('rejects a token whose payload was tampered with', () => {
    const [header, , signature] = sut.sign('user-1', 'session-1').token.split('.');
    expect(() => sut.verify(`${header}.${b64({ sub: 'admin', exp: future })}.${signature}`)).toThrow(InvalidTokenError);
  });

  it('refuses a token it verified before once the token has expired', () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = signJwt({ sub: 'u', sid: 's', exp }, { secret });
    expect(sut.verify(token)).toEqual({ userId: 'u', sessionId: 's', expiresAt: exp * 1000 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(exp * 1000);
    try {
      expect(() => sut.verify(token)).toThrow(new InvalidTokenError('expired'));
      expect(() => sut.verify(token)).toThrow(new InvalidTokenError('expired'));
    } finally {
      now.mockRestore();
    }
  });
});

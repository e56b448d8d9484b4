import { accepts } from './serve-frontend';

describe('accepts (Accept-Encoding)', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br', true],
    ['gzip, deflate, br, zstd', 'gzip', true],
    ['gzip;q=1.0, br;q=0', 'br', false],
    ['BR;q=0.5', 'br', true],
    ['identity', 'gzip', false],
    [undefined, 'br', false],
    ['gzipped', 'gzip', false],
  ])('%s allows %s: %s', (header, token, expected) => {
    expect(accepts(header, token)).toBe(expected);
  });
});

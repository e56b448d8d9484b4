import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { parseDuration } from './duration';

describe('configuration', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'taskpulse-config-'));

  it('parses durations', () => {
    expect(parseDuration('15m', 'X')).toBe(900_000);
    expect(parseDuration('7d', 'X')).toBe(604_800_000);
    expect(parseDuration('250ms', 'X')).toBe(250);
    expect(parseDuration('30', 'X')).toBe(30_000);
    expect(() => parseDuration('soon', 'JWT_TTL')).toThrow(/JWT_TTL/);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET is required/);
  });

  it('generates a development secret once and keeps it under DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
  });

  it.each([
    ['empty', ''],
    ['short', 'only-twenty-chars-xx'],
  ])('refuses an %s jwt-secret file in DATA_DIR, naming the file', (_, content) => {
    const dir = dataDir();
    writeFileSync(join(dir, 'jwt-secret'), content);
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(join(dir, 'jwt-secret'));
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and CIDRs', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('picks the database from DATABASE_URL', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).database).toEqual({ type: 'sqlite', file: join(dir, 'taskpulse.sqlite') });
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://h/db' }).database).toEqual({ type: 'postgres', url: 'postgres://h/db' });
    expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL/);
  });

  it('rejects malformed numbers', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), WS_MAX_PAYLOAD: 'lots' })).toThrow(/WS_MAX_PAYLOAD/);
  });
});

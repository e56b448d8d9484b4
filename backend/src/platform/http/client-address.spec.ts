import type { IncomingMessage } from 'node:http';
import { clientAddress, compileTrustProxy } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('clientAddress (TRUST_PROXY)', () => {
  it('believes X-Forwarded-For only from trusted peers, from the nearest hop outwards', () => {
    const lan = compileTrustProxy(['10.0.0.0/8', 'loopback']);
    expect(clientAddress(request('::ffff:10.1.2.3', '203.0.113.9'), lan)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1', 'spoofed, 203.0.113.9, 10.0.0.7'), lan)).toBe('203.0.113.9');
    expect(clientAddress(request('198.51.100.4', '203.0.113.9'), lan)).toBe('198.51.100.4');
  });

  it('counts hops', () => {
    expect(clientAddress(request('192.0.2.1', 'a-spoof, 203.0.113.9'), compileTrustProxy(1))).toBe('203.0.113.9');
    expect(clientAddress(request('192.0.2.1', '203.0.113.9'), compileTrustProxy(0))).toBe('192.0.2.1');
    expect(clientAddress(request('192.0.2.1', '198.51.100.1, 203.0.113.9'), compileTrustProxy(2))).toBe('198.51.100.1');
  });

  it('trusts nothing that is not an address', () => {
    const trust = compileTrustProxy(['loopback']);
    expect(trust('not an address', 0)).toBe(false);
    expect(trust('::1', 0)).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { signPlatformToken, TokenVerifier } from './tokens.js';

const SECRET = 'a test secret that is long enough for HS256';
const ISSUER = 'http://127.0.0.1:3000';

describe('token verification', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a repeated token from its cache, and stops accepting it when it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const verifier = new TokenVerifier(SECRET, ISSUER, null, null);
    const token = await signPlatformToken(SECRET, ISSUER, 'person-1', 60);
    expect(await verifier.verify(token)).toEqual({ subject: 'person-1', source: 'platform' });
    expect(await verifier.verify(token)).toEqual({ subject: 'person-1', source: 'platform' });
    vi.setSystemTime(new Date('2026-03-02T08:01:01Z'));
    expect(await verifier.verify(token)).toBeNull();
  });

  it('never caches a refusal: a token signed with another secret stays refused', async () => {
    const verifier = new TokenVerifier(SECRET, ISSUER, null, null);
    const forged = await signPlatformToken(`${SECRET}!`, ISSUER, 'person-1', 60);
    expect(await verifier.verify(forged)).toBeNull();
    expect(await verifier.verify(forged)).toBeNull();
    const tampered = (await signPlatformToken(SECRET, ISSUER, 'person-1', 60)).slice(0, -2) + 'AA';
    expect(await verifier.verify(tampered)).toBeNull();
  });

  it('keeps at most CACHE_SIZE tokens, dropping the oldest', async () => {
    const verifier = new TokenVerifier(SECRET, ISSUER, null, null);
    const size = TokenVerifier.CACHE_SIZE;
    Object.defineProperty(TokenVerifier, 'CACHE_SIZE', { value: 2 });
    try {
      const tokens = await Promise.all(['a', 'b', 'c'].map((s) => signPlatformToken(SECRET, ISSUER, s, 60)));
      for (const t of tokens) expect(await verifier.verify(t)).not.toBeNull();
      const cache = (verifier as unknown as { verified: Map<string, unknown> }).verified;
      expect([...cache.keys()]).toEqual([tokens[1], tokens[2]]);
    } finally {
      Object.defineProperty(TokenVerifier, 'CACHE_SIZE', { value: size });
    }
  });
});

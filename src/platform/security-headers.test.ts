import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it('are the headers helmet sets, computed once, with the policy given', () => {
    const h = securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], formAction: ["'self'", 'https://dichvucong.example.vn'] } } });
    expect(h['content-security-policy']).toContain("form-action 'self' https://dichvucong.example.vn");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(Object.isFrozen(h)).toBe(true);
    expect(Object.keys(h)).not.toContain('x-powered-by');
  });

  it('refuses an invalid policy at start-up rather than on a request', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ['self'] } } })).toThrow();
  });
});

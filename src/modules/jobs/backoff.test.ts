import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, nominalDelayMs } from './backoff.js';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('job retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => nominalDelayMs(a, policy))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(nominalDelayMs(10_000, policy)).toBe(60_000);
  });

  it('keeps the delay between half the nominal delay and the nominal delay', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2000);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(3000);
    expect(backoffDelayMs(3, policy, () => 0.999999)).toBe(4000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const d = backoffDelayMs(attempt, policy, () => r);
        const n = nominalDelayMs(attempt, policy);
        return d >= n / 2 && d <= n;
      }),
    );
  });

  it('never shrinks the nominal delay from one attempt to the next', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (a) => nominalDelayMs(a + 1, policy) >= nominalDelayMs(a, policy)));
  });

  it('spreads retries of jobs failing at the same moment', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(6, policy, random)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('refuses an attempt number that is not a positive integer', () => {
    expect(() => nominalDelayMs(0, policy)).toThrow(RangeError);
    expect(() => nominalDelayMs(1.5, policy)).toThrow(RangeError);
  });
});

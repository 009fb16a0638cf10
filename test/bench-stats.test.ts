import { describe, expect, it } from 'vitest';
import { bucketTable, latency, parsePgbench, percentile } from '../bench/lib/stats.js';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(s, 0.5)).toBe(50);
    expect(percentile(s, 0.95)).toBe(95);
    expect(percentile(s, 0.99)).toBe(99);
    expect(percentile(s, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('summarises unsorted samples without changing them', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(latency(samples)).toEqual({ p50: 3, p95: 5, p99: 5, mean: 3, samples: 5 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('spreads buckets in proportion to weights, largest remainders first', () => {
    const t = bucketTable([{ value: 'a', weight: 1 }, { value: 'b', weight: 1 }, { value: 'c', weight: 1 }], 100);
    expect(t).toHaveLength(100);
    expect(t.filter((v) => v === 'a')).toHaveLength(34);
    expect(t.filter((v) => v === 'b')).toHaveLength(33);
    const u = bucketTable([{ value: 1, weight: 70 }, { value: 2, weight: 0 }, { value: 3, weight: 30 }], 10);
    expect(u).toEqual([1, 1, 1, 1, 1, 1, 1, 3, 3, 3]);
    expect(() => bucketTable([{ value: 1, weight: 0 }])).toThrow();
  });

  it("reads pgbench's summary", () => {
    const out = [
      'transaction type: bench.sql',
      'number of clients: 8',
      'duration: 10 s',
      'number of transactions actually processed: 12345',
      'number of failed transactions: 0 (0.000%)',
      'latency average = 6.481 ms',
      'initial connection time = 12.3 ms',
      'tps = 1234.567890 (without initial connection time)',
    ].join('\n');
    expect(parsePgbench(out)).toEqual({ tps: 1234.56789, transactions: 12345, failed: 0, latencyMs: 6.481 });
    expect(parsePgbench('pgbench: error: connection failed')).toBeUndefined();
  });
});

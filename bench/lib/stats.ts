/**
 * Small pure helpers of the benchmarks: latency percentiles, weighted bucket tables for set-based
 * generators, and reading pgbench's summary.
 */

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly samples: number;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Nearest-rank percentile (the smallest sample with at least q of the samples at or below it). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50/p95/p99 and mean of samples in milliseconds, rounded to 0.01 ms. */
export function latency(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { p50: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), p99: round(percentile(s, 0.99)), mean: round(mean), samples: s.length };
}

/**
 * Spreads `size` buckets over the choices in proportion to their weights (largest remainder), so a
 * uniform bucket number picks a choice with the given odds. Choices of weight 0 get no bucket; at
 * least one weight must be positive.
 */
export function bucketTable<T>(choices: readonly { value: T; weight: number }[], size = 100): T[] {
  const live = choices.filter((c) => c.weight > 0);
  const total = live.reduce((a, c) => a + c.weight, 0);
  if (live.length === 0 || !(total > 0)) throw new Error('bucketTable: no positive weight');
  const exact = live.map((c) => (c.weight / total) * size);
  const counts = exact.map(Math.floor);
  let left = size - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return live.flatMap((c, i) => Array.from({ length: counts[i]! }, () => c.value));
}

/** The figures of a pgbench run from its summary output; undefined when they are missing. */
export function parsePgbench(output: string): { tps: number; transactions: number; failed: number; latencyMs: number | null } | undefined {
  const tps = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(output);
  const processed = /number of transactions actually processed: (\d+)/.exec(output);
  if (!tps || !processed) return undefined;
  const failed = /number of failed transactions: (\d+)/.exec(output);
  const lat = /latency average = ([\d.]+) ms/.exec(output);
  return { tps: Number(tps[1]), transactions: Number(processed[1]), failed: failed ? Number(failed[1]) : 0, latencyMs: lat ? Number(lat[1]) : null };
}

/**
 * Retry delays for failed jobs: exponential (base · 2^(attempt−1)), capped, with "equal jitter" — half
 * of the delay is fixed, the other half random — so retries of many failing jobs spread out instead of
 * hammering a recovering mail server at the same instant, while a retry never comes sooner than half
 * the nominal delay. Pure: the random source is a parameter.
 */
export type BackoffPolicy = { readonly baseMs: number; readonly capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, capMs: 60 * 60_000 };

/** The nominal (jitter-free) delay before retry number `attempt` (1 after the first failure). */
export function nominalDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  // 2^exponent overflows to Infinity long after the cap; clamp the exponent to keep the arithmetic exact.
  const exponent = Math.min(attempt - 1, 40);
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/** The delay to wait after failed attempt `attempt`, in [nominal/2, nominal]. `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const nominal = nominalDelayMs(attempt, policy);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

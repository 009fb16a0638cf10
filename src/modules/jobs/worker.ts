/**
 * The job worker: claims due jobs, runs them, retries failures with backoff and gives up after
 * `max_attempts` (the job is marked dead and shown to operators).
 *
 * Safe with several app processes: a claim is `SELECT … FOR UPDATE SKIP LOCKED` followed by a lease
 * (`locked_by`, `locked_until`) in the same short transaction, so two workers never claim the same
 * row, and a job whose worker died is claimed again once its lease has run out. Completion is written
 * only by the lease holder.
 *
 * A worker claims only the kinds it has handlers for, so processes of different versions (or
 * dedicated workers) can share one queue.
 *
 * Fair across agencies: each round lists the agencies with due work, rotates the list so that the
 * agency after the last one served comes first, and claims at most `perAgency` jobs of each agency
 * (one shard-local statement per agency). The claimed jobs are interleaved by agency and run with a
 * bounded concurrency and a time limit, so an agency with thousands of queued or slow, failing jobs
 * takes at most its share of a round and never holds up the others.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

export type ClaimedJob = {
  agencyCode: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** This run's number, 1 for the first. */
  attempt: number;
  maxAttempts: number;
};

export type JobHandler = (job: ClaimedJob) => Promise<void>;

export type WorkerLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type WorkerOptions = {
  /** Unique per worker; default host:pid:random. */
  id?: string;
  pollMs?: number;
  /** Most jobs claimed in one round, and most of one agency in one round. */
  batchSize?: number;
  perAgency?: number;
  /** Jobs run at the same time. */
  concurrency?: number;
  /** How long a claim is held; a job running longer is failed at `timeoutMs` (which must be shorter). */
  leaseMs?: number;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** The clock (tests move it forward to see due dates pass). */
  now?: () => Date;
  log?: WorkerLog;
  /** Called at most every `scheduleEveryMs` before a round: periodic jobs (sweeps) are enqueued here. */
  schedule?: (now: Date) => Promise<void>;
  scheduleEveryMs?: number;
};

export type RoundResult = { claimed: number; done: number; retried: number; dead: number };

const SILENT: WorkerLog = { info() {}, warn() {}, error() {} };

export class JobWorker {
  readonly id: string;
  readonly #db: Kysely<DB>;
  readonly #handlers: ReadonlyMap<string, JobHandler>;
  readonly #o: Required<Omit<WorkerOptions, 'id' | 'schedule'>> & Pick<WorkerOptions, 'schedule'>;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = true;
  #lastAgency = '';
  #lastSchedule = 0;

  constructor(db: Kysely<DB>, handlers: Record<string, JobHandler>, options: WorkerOptions = {}) {
    this.#db = db;
    this.#handlers = new Map(Object.entries(handlers));
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#o = {
      pollMs: options.pollMs ?? 1000,
      batchSize: options.batchSize ?? 20,
      perAgency: options.perAgency ?? 5,
      concurrency: options.concurrency ?? 4,
      leaseMs,
      timeoutMs: options.timeoutMs ?? Math.max(1, Math.floor(leaseMs * 0.8)),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
      log: options.log ?? SILENT,
      schedule: options.schedule,
      scheduleEveryMs: options.scheduleEveryMs ?? 60_000,
    };
    if (this.#o.timeoutMs >= leaseMs) throw new RangeError('timeoutMs must be shorter than leaseMs');
  }

  /** Starts polling. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.runOnce()
        .catch((err) => this.#o.log.error({ err }, 'job worker round failed'))
        .finally(() => {
          this.#running = null;
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#o.pollMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the round in progress (its jobs finish or fail normally). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One round: schedule periodic jobs if due, claim fairly, run, record the outcomes. */
  async runOnce(): Promise<RoundResult> {
    const now = this.#o.now();
    if (this.#o.schedule && now.getTime() - this.#lastSchedule >= this.#o.scheduleEveryMs) {
      this.#lastSchedule = now.getTime();
      await this.#o.schedule(now);
    }
    const claimed = await this.claim(now);
    const result: RoundResult = { claimed: claimed.length, done: 0, retried: 0, dead: 0 };
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const job = claimed[next++]!;
        const outcome = await this.#run(job);
        result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.concurrency, claimed.length) }, lane));
    return result;
  }

  /** Claims up to `batchSize` due jobs, at most `perAgency` per agency, agencies in rotating order. */
  async claim(now: Date = this.#o.now()): Promise<ClaimedJob[]> {
    const { batchSize, perAgency, leaseMs } = this.#o;
    // Only the kinds this worker can run: processes of different versions may share the queue.
    const kinds = [...this.#handlers.keys()];
    if (kinds.length === 0) return [];
    // Agencies with due work. A fan-out read on a distributed cluster; each node answers from jobs_due.
    const due = await this.#db
      .selectFrom('jobs')
      .select('agency_code')
      .distinct()
      .where('done_at', 'is', null)
      .where('dead_at', 'is', null)
      .where('run_at', '<=', now)
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('agency_code')
      .limit(10_000)
      .execute();
    const agencies = due.map((r) => r.agency_code);
    const start = agencies.findIndex((a) => a > this.#lastAgency);
    const order = start <= 0 ? agencies : [...agencies.slice(start), ...agencies.slice(0, start)];

    const perAgencyJobs: ClaimedJob[][] = [];
    let total = 0;
    for (const agency of order) {
      if (total >= batchSize) break;
      const take = Math.min(perAgency, batchSize - total);
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const rows = await this.#db.transaction().execute(async (trx) => {
        const ids = await trx
          .selectFrom('jobs')
          .select('id')
          .where('agency_code', '=', agency)
          .where('done_at', 'is', null)
          .where('dead_at', 'is', null)
          .where('run_at', '<=', now)
          .where('kind', 'in', kinds)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
          .orderBy('run_at')
          .limit(take)
          .forUpdate()
          .skipLocked()
          .execute();
        if (ids.length === 0) return [];
        return trx
          .updateTable('jobs')
          .set({ locked_by: this.id, locked_until: leaseUntil, attempts: sql`attempts + 1`, updated_at: sql`now()` })
          .where('agency_code', '=', agency)
          .where('id', 'in', ids.map((r) => r.id))
          .returning(['agency_code', 'id', 'kind', 'payload', 'attempts', 'max_attempts', 'run_at'])
          .execute();
      });
      if (rows.length === 0) continue;
      this.#lastAgency = agency;
      total += rows.length;
      perAgencyJobs.push(
        rows
          .sort((a, b) => a.run_at.getTime() - b.run_at.getTime())
          .map((r) => ({
            agencyCode: r.agency_code,
            id: r.id,
            kind: r.kind,
            payload: (r.payload ?? {}) as Record<string, unknown>,
            attempt: r.attempts,
            maxAttempts: r.max_attempts,
          })),
      );
    }
    // Interleave: first job of each agency, then the second of each, …
    const out: ClaimedJob[] = [];
    for (let i = 0; out.length < total; i++) for (const list of perAgencyJobs) if (list[i]) out.push(list[i]!);
    return out;
  }

  async #run(job: ClaimedJob): Promise<'done' | 'retried' | 'dead'> {
    const handler = this.#handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await withTimeout(handler(job), this.#o.timeoutMs, job.kind);
    } catch (err) {
      return this.#fail(job, err);
    }
    await this.#db
      .updateTable('jobs')
      .set({ done_at: this.#o.now(), locked_by: null, locked_until: null, last_error: null, updated_at: sql`now()` })
      .where('agency_code', '=', job.agencyCode)
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .execute();
    return 'done';
  }

  async #fail(job: ClaimedJob, err: unknown): Promise<'retried' | 'dead'> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    const now = this.#o.now();
    const dead = job.attempt >= job.maxAttempts;
    await this.#db
      .updateTable('jobs')
      .set(
        dead
          ? { dead_at: now, last_error: message, locked_by: null, locked_until: null, updated_at: sql`now()` }
          : {
              run_at: new Date(now.getTime() + backoffDelayMs(job.attempt, this.#o.backoff, this.#o.random)),
              last_error: message,
              locked_by: null,
              locked_until: null,
              updated_at: sql`now()`,
            },
      )
      .where('agency_code', '=', job.agencyCode)
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .execute();
    const log = { jobId: job.id, kind: job.kind, agency: job.agencyCode, attempt: job.attempt, error: message };
    if (dead) this.#o.log.error(log, 'job failed for the last time: marked dead');
    else this.#o.log.warn(log, 'job failed: will retry');
    return dead ? 'dead' : 'retried';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`job ${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { publishProcedure, act, idemKey } from '../notifications/api.test-support.js';
import { enqueue } from './queue.js';
import { JobWorker, type ClaimedJob } from './worker.js';

let t: TestApp;
const PROCEDURE = '3.950101';

beforeAll(async () => {
  // The app's own worker is off: each test drives its own workers and clock.
  t = await startTestApp({ MOTCUA_JOBS: 'off' });
  await publishProcedure(t, PROCEDURE);
});
afterAll(async () => t?.close());

const jobsOf = (kind: string) => t.database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('created_at').execute();

describe(`after-commit jobs (${TEST_DB})`, () => {
  it('a job enqueued in a transaction exists only if the transaction commits', async () => {
    const db = t.database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, { agencyCode: 'H55.01', kind: 'test.rollback', payload: { n: 1 } });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await jobsOf('test.rollback')).toHaveLength(0);

    await db.transaction().execute((trx) => enqueue(trx, { agencyCode: 'H55.01', kind: 'test.rollback', payload: { n: 2 }, dedupeKey: 'once' }));
    // The same logical job twice is one row.
    expect(await db.transaction().execute((trx) => enqueue(trx, { agencyCode: 'H55.01', kind: 'test.rollback', dedupeKey: 'once' }))).toBeNull();
    expect(await jobsOf('test.rollback')).toHaveLength(1);
  });

  it('a dossier action enqueues the applicant’s notifications with it; a refused action enqueues nothing', async () => {
    const filed = await t.call('POST', '/api/v1/dossiers', {
      token: await t.tokenFor('congdan.an'),
      headers: { 'idempotency-key': idemKey() },
      body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: { hoTen: 'Nguyễn Văn An' } },
    });
    expect(filed.status).toBe(201);
    const countFor = async (id: string) =>
      (await t.database.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', 'notify.applicant').where('dedupe_key', 'like', `dossier:${id}:%`).execute()).length;
    expect(await countFor(filed.body.id)).toBe(2); // the submission is acknowledged by email and SMS, in its transaction

    // Refused (stale version): rolled back, no job.
    const stale = await act(t, 'motcua.tinh', filed.body.id, 'RECEIVE', filed.body.version + 5);
    expect(stale.status).toBe(409);
    expect(await countFor(filed.body.id)).toBe(2);

    const received = await act(t, 'motcua.tinh', filed.body.id, 'RECEIVE', filed.body.version);
    expect(received.status).toBe(200);
    const jobs = await t.database.db.selectFrom('jobs').selectAll().where('dedupe_key', 'like', `dossier:${filed.body.id}:%`).orderBy('dedupe_key').execute();
    expect(jobs.map((j) => [j.agency_code, j.kind, (j.payload as { channel: string }).channel, (j.payload as { template: string }).template])).toEqual([
      ['H55.01', 'notify.applicant', 'email', 'dossier_submitted'],
      ['H55.01', 'notify.applicant', 'sms', 'dossier_submitted'],
      ['H55.01', 'notify.applicant', 'email', 'dossier_received'],
      ['H55.01', 'notify.applicant', 'sms', 'dossier_received'],
    ]);
    expect((jobs[2]!.payload as { data: { code: string; dueAt: string } }).data).toEqual({ code: received.body.code, dueAt: received.body.dueAt });
  });

  it('retries a failing job with growing, jittered delays, records the error and gives up after max_attempts', async () => {
    const db = t.database.db;
    const id = (await enqueue(db, { agencyCode: 'H55.02', kind: 'test.always-fails', maxAttempts: 3 }))!;
    let clock = new Date();
    const worker = new JobWorker(
      db,
      { 'test.always-fails': async (job: ClaimedJob) => { throw new Error(`SMTP 451 try later (attempt ${job.attempt})`); } },
      { now: () => clock, backoff: { baseMs: 60_000, capMs: 3_600_000 }, random: () => 0.5 },
    );
    const row = () => db.selectFrom('jobs').selectAll().where('agency_code', '=', 'H55.02').where('id', '=', id).executeTakeFirstOrThrow();

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    let r = await row();
    expect(r).toMatchObject({ attempts: 1, last_error: 'SMTP 451 try later (attempt 1)', dead_at: null, done_at: null, locked_by: null });
    expect(r.run_at.getTime() - clock.getTime()).toBe(45_000); // 60 s nominal, equal jitter at 0.5

    // Not due yet: nothing claimed.
    expect((await worker.runOnce()).claimed).toBe(0);
    clock = new Date(r.run_at.getTime() + 1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    r = await row();
    expect(r.attempts).toBe(2);
    expect(r.run_at.getTime() - clock.getTime()).toBe(90_000); // doubled

    clock = new Date(r.run_at.getTime() + 1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, dead: 1 });
    r = await row();
    expect(r.dead_at).not.toBeNull();
    expect(r.last_error).toBe('SMTP 451 try later (attempt 3)');

    // Operators see it, with the error, and can put it back.
    const admin = await t.tokenFor('quantri.tinh');
    const dead = await t.call('GET', '/api/v1/jobs?state=dead', { token: admin });
    expect(dead.status).toBe(200);
    expect(dead.body.items).toContainEqual(expect.objectContaining({ id, agencyCode: 'H55.02', state: 'dead', attempts: 3, lastError: 'SMTP 451 try later (attempt 3)' }));
    // Not for a citizen, and not outside the administrator's agencies.
    expect((await t.call('GET', '/api/v1/jobs?state=dead', { token: await t.tokenFor('congdan.an') })).status).toBe(403);
    const outside = await t.call('GET', '/api/v1/jobs?state=dead', { token: await t.tokenFor('quantri.tichluong') });
    expect(outside.body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    expect((await t.call('POST', `/api/v1/jobs/H55.02/${id}/retry`, { token: await t.tokenFor('quantri.tichluong'), body: {} })).status).toBe(404);

    const retried = await t.call('POST', `/api/v1/jobs/H55.02/${id}/retry`, { token: admin, body: {} });
    expect(retried.status).toBe(200);
    expect(await row()).toMatchObject({ dead_at: null, attempts: 0 });
    const again = await t.call('POST', `/api/v1/jobs/H55.02/${id}/retry`, { token: admin, body: {} });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'JOB_NOT_DEAD', message: { vi: expect.any(String), en: expect.any(String) } });
    await db.updateTable('jobs').set({ done_at: new Date() }).where('agency_code', '=', 'H55.02').where('id', '=', id).execute();
  });

  it('two workers claiming at the same time never run a job twice (FOR UPDATE SKIP LOCKED + lease)', async () => {
    const db = t.database.db;
    const agencies = ['H55.01', 'H55.02', 'H55.03', 'H55.10'];
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await enqueue(db, { agencyCode: agencies[i % agencies.length]!, kind: 'test.count', payload: { i } }))!);
    const runs: string[] = [];
    const handler = async (job: ClaimedJob) => {
      runs.push(job.id);
      await new Promise((r) => setTimeout(r, 2));
    };
    const a = new JobWorker(db, { 'test.count': handler }, { id: 'worker-a', batchSize: 7, perAgency: 3 });
    const b = new JobWorker(db, { 'test.count': handler }, { id: 'worker-b', batchSize: 7, perAgency: 3 });
    for (let round = 0; round < 40; round++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (ra.claimed + rb.claimed === 0) break;
    }
    expect(runs.length).toBe(60);
    expect(new Set(runs).size).toBe(60);
    expect([...runs].sort()).toEqual([...ids].sort());
    const left = await db.selectFrom('jobs').select('id').where('kind', '=', 'test.count').where('done_at', 'is', null).execute();
    expect(left).toEqual([]);
  });

  it('is fair across agencies: a flooded, failing agency never holds up the others', async () => {
    const db = t.database.db;
    for (let i = 0; i < 40; i++) await enqueue(db, { agencyCode: 'H55.03', kind: 'test.flood', payload: { i }, maxAttempts: 2 });
    const small = [await enqueue(db, { agencyCode: 'H55.10', kind: 'test.flood', payload: { ok: true } }), await enqueue(db, { agencyCode: 'H55.11', kind: 'test.flood', payload: { ok: true } })];
    const done: string[] = [];
    const worker = new JobWorker(
      db,
      {
        'test.flood': async (job) => {
          if (!job.payload.ok) throw new Error('gateway of H55.03 is down');
          done.push(job.id);
        },
      },
      { batchSize: 10, perAgency: 4, backoff: { baseMs: 3_600_000, capMs: 3_600_000 } },
    );
    // Older flood jobs come first in time, yet the first round already serves the other agencies.
    const first = await worker.runOnce();
    expect(first.claimed).toBe(6); // at most 4 of H55.03, and the 1 + 1 of the others
    expect(done.sort()).toEqual([...small].sort());
    // The flooded agency keeps getting its share, round after round.
    const second = await worker.runOnce();
    expect(second.claimed).toBe(4);
  });
});

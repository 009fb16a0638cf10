import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DB } from '../../test/helpers/test-app.js';
import type { Database } from './database.js';
import { sendWithoutWaiting } from './pipeline.js';

type Probe = { pipeline_probe: { id: number; note: string } };

let d: Database;
let db: Kysely<Probe>;

beforeAll(async () => {
  d = await openTestDatabase();
  db = d.db as unknown as Kysely<Probe>;
  await sql`CREATE TABLE pipeline_probe (id int PRIMARY KEY, note text NOT NULL)`.execute(db);
});
afterAll(async () => d?.close());

const count = async (ids: number[]) => (await db.selectFrom('pipeline_probe').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', ids).executeTakeFirstOrThrow()).n;
const insert = (q: Kysely<Probe>, id: number, note = 'Hồ sơ') => q.insertInto('pipeline_probe').values({ id, note }).compile();

describe(`writes sent without waiting (${TEST_DB})`, () => {
  it('runs them in order, before the next statement that waits, and commits them', async () => {
    const seen = await db.transaction().execute(async (trx) => {
      await sendWithoutWaiting(trx, insert(trx, 1));
      await sendWithoutWaiting(trx, trx.updateTable('pipeline_probe').set({ note: 'Đã tiếp nhận' }).where('id', '=', 1).compile());
      await sendWithoutWaiting(trx, insert(trx, 2));
      return trx.selectFrom('pipeline_probe').select(['id', 'note']).where('id', 'in', [1, 2]).orderBy('id').execute();
    });
    expect(seen).toEqual([
      { id: 1, note: 'Đã tiếp nhận' },
      { id: 2, note: 'Hồ sơ' },
    ]);
    expect(Number(await count([1, 2]))).toBe(2);
  });

  it('fails the transaction with the failing write’s own error, and nothing of it commits', async () => {
    // The failure surfaces at the next statement that waits…
    const atRead = db.transaction().execute(async (trx) => {
      await sendWithoutWaiting(trx, insert(trx, 10));
      await sendWithoutWaiting(trx, insert(trx, 10)); // duplicate key
      await sendWithoutWaiting(trx, insert(trx, 11));
      return trx.selectFrom('pipeline_probe').selectAll().execute();
    });
    await expect(atRead).rejects.toMatchObject({ code: '23505' });
    // …or at COMMIT when it was the last one.
    const atCommit = db.transaction().execute(async (trx) => {
      await sendWithoutWaiting(trx, insert(trx, 12));
      await sendWithoutWaiting(trx, insert(trx, 12));
    });
    await expect(atCommit).rejects.toMatchObject({ code: '23505' });
    expect(Number(await count([10, 11, 12]))).toBe(0);
  });

  it('lets the use case’s own error through when it rolls back with a failed write pending', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await sendWithoutWaiting(trx, insert(trx, 20));
      await sendWithoutWaiting(trx, insert(trx, 20));
      throw new Error('refused by the use case');
    });
    // (PGlite does not pipeline: there the duplicate fails at once, before the use case decides.)
    await expect(failing).rejects.toThrow(TEST_DB === 'postgresql' ? 'refused by the use case' : 'duplicate key');
    expect(Number(await count([20]))).toBe(0);
    // Every pooled connection is clean afterwards.
    await Promise.all(Array.from({ length: 6 }, (_, i) => db.transaction().execute(async (trx) => sendWithoutWaiting(trx, insert(trx, 30 + i)))));
    expect(Number(await count([30, 31, 32, 33, 34, 35]))).toBe(6);
  });

  it.skipIf(TEST_DB !== 'postgresql')('does not wait for the answer: a write blocked by another transaction does not block the use case', async () => {
    // Another transaction holds a lock until told to finish.
    let finish!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const other = db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(4242)`.execute(trx);
      holding();
      await new Promise<void>((r) => (finish = r));
    });
    await held;
    let sent = false;
    const done = db.transaction().execute(async (trx) => {
      // Cannot finish while the other transaction holds the lock.
      await sendWithoutWaiting(trx, sql`SELECT pg_advisory_xact_lock(4242)`.compile(trx));
      await sendWithoutWaiting(trx, insert(trx, 40));
      sent = true;
      return trx.selectFrom('pipeline_probe').select('note').where('id', '=', 40).executeTakeFirst();
    });
    // The two writes are sent and the use case has moved on while the lock is still held.
    for (let i = 0; i < 200 && !sent; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sent).toBe(true);
    finish();
    await other;
    await expect(done).resolves.toEqual({ note: 'Hồ sơ' });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DB } from '../../../test/helpers/test-app.js';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { appendAudit, auditRead, deferAudit, flushAudit, verifyAuditChain, type AuditContext } from './audit.js';

let d: Database;
const ctx: AuditContext = { actorId: 'u1', actorName: 'tester', agencyCode: 'H55', requestId: 'r1', clientIp: '127.0.0.1' };

beforeAll(async () => {
  d = await openTestDatabase();
  await migrateToLatest(d.db);
});
afterAll(async () => d?.close());

describe(`hash-chained audit trail (${TEST_DB})`, () => {
  it('chains entries written concurrently, and verifies them', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d.db.transaction().execute((trx) =>
          appendAudit(trx, ctx, [{ action: 'test.write', entityType: 'thing', entityId: String(i), data: { i, text: 'Đăng ký khai sinh', nested: { b: 1, a: [1, 'x'] } } }]),
        ),
      ),
    );
    const result = await verifyAuditChain(d.db, 7);
    expect(result).toMatchObject({ ok: true, entries: 20 });
  });

  it('chains reads audited on their own among transactional writes, several entries at a time', async () => {
    const before = (await verifyAuditChain(d.db)).entries;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? auditRead(d.db, { ...ctx, actorName: 'Nguyễn Thị Hoa' }, [
              { action: 'test.read', entityType: 'person', entityId: String(i), data: { found: true } },
              { action: 'test.read.more', entityType: 'person', entityId: null },
            ])
          : d.db.transaction().execute((trx) => appendAudit(trx, ctx, [{ action: 'test.write', entityType: 'thing', entityId: `w${i}` }])),
      ),
    );
    expect(await verifyAuditChain(d.db, 5)).toMatchObject({ ok: true, entries: before + 18 });
    const reads = await d.db.selectFrom('audit_log').select(['seq', 'actor_name', 'entity_id']).where('action', 'like', 'test.read%').orderBy('seq').execute();
    expect(reads).toHaveLength(12);
    expect(reads[0]!.actor_name).toBe('Nguyễn Thị Hoa');
  });

  it('loses the entry with the change when the transaction rolls back', async () => {
    await expect(
      d.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ctx, [{ action: 'test.rollback', entityType: 'thing', entityId: 'x' }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await d.db.selectFrom('audit_log').select('seq').where('action', '=', 'test.rollback').execute()).toHaveLength(0);
    expect((await verifyAuditChain(d.db)).ok).toBe(true);
  });

  it('refuses updates and deletes in the database itself', async () => {
    await expect(d.db.updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(d.db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link when someone bypasses the trigger', async () => {
    await d.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(conn);
      await sql`UPDATE audit_log SET data = '{"i": 999}'::jsonb WHERE seq = 5`.execute(conn);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(conn);
    });
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, brokenAt: 5, reason: 'content was altered', entries: 4 });

    await d.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(conn);
      await sql`DELETE FROM audit_log WHERE seq IN (3, 5)`.execute(conn);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(conn);
    });
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'missing entry' });
  });
});

describe(`deferred audit appends (${TEST_DB})`, () => {
  it('collects entries until flushAudit, then chains them in order; a rollback loses them', async () => {
    await d.db.transaction().execute(async (trx) => {
      deferAudit(trx);
      await appendAudit(trx, ctx, [{ action: 'test.deferred', entityType: 'thing', entityId: 'a' }]);
      await appendAudit(trx, { ...ctx, requestId: 'r2' }, [{ action: 'test.deferred', entityType: 'thing', entityId: 'b' }]);
      // Nothing written (and no chain lock taken) yet.
      expect(await trx.selectFrom('audit_log').select('seq').where('action', '=', 'test.deferred').execute()).toHaveLength(0);
      await flushAudit(trx);
    });
    const rows = await d.db.selectFrom('audit_log').select(['entity_id', 'request_id']).where('action', '=', 'test.deferred').orderBy('seq').execute();
    expect(rows).toEqual([
      { entity_id: 'a', request_id: 'r1' },
      { entity_id: 'b', request_id: 'r2' },
    ]);
    await expect(
      d.db.transaction().execute(async (trx) => {
        deferAudit(trx);
        await appendAudit(trx, ctx, [{ action: 'test.deferred.rollback', entityType: 'thing', entityId: 'c' }]);
        await flushAudit(trx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await d.db.selectFrom('audit_log').select('seq').where('action', '=', 'test.deferred.rollback').execute()).toHaveLength(0);
  });

  it.runIf(TEST_DB === 'postgresql')('links entries at commit: a writer that has appended but not committed holds up no one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const hasAppended = new Promise<void>((r) => (appended = r));
    const slow = d.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx, [{ action: 'test.at-commit', entityType: 'thing', entityId: 'slow' }]);
      appended();
      await gate;
    });
    await hasAppended;
    // Another writer appends and commits while the first is still open: with the chain's lock taken
    // at append time it would wait for the first to commit, which waits for it (lock_timeout ends it).
    await d.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL lock_timeout = '3s'`.execute(trx);
      await appendAudit(trx, ctx, [{ action: 'test.at-commit', entityType: 'thing', entityId: 'fast' }]);
    });
    const linked = () => d.db.selectFrom('audit_log').select(['seq', 'entity_id', 'prev_hash', 'hash']).where('action', '=', 'test.at-commit').orderBy('seq').execute();
    expect((await linked()).map((r) => r.entity_id)).toEqual(['fast']);
    release();
    await slow;
    const [fast, late] = await linked();
    expect(late).toMatchObject({ entity_id: 'slow', seq: fast!.seq + 1, prev_hash: fast!.hash });
    expect(await d.db.selectFrom('audit_pending').select('id').execute()).toEqual([]);
  });
});

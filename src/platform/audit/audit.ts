import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sendWithoutWaiting } from '../../db/pipeline.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Who did it, from where: carried from the request into every audited change. */
export type AuditContext = {
  actorId: string | null;
  actorName: string | null;
  agencyCode: string | null;
  requestId: string | null;
  clientIp: string | null;
};

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  data?: Record<string, unknown>;
};

type ChainedFields = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  agency_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  client_ip: string | null;
  data: unknown;
  prev_hash: string;
};

/** Canonical JSON: object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(fields: ChainedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

// Any constant works: it names the one lock that serialises appends to the chain.
const AUDIT_CHAIN_LOCK = 7_426_001;

/**
 * Entries waiting for the end of their transaction (see `deferAudit`). Keyed by the transaction
 * object, which every use case passes down unchanged.
 */
const pending = new WeakMap<object, { ctx: AuditContext; entry: AuditEntry }[]>();

/**
 * From now until `flushAudit(trx)`, `appendAudit` on this transaction only collects its entries,
 * and `flushAudit` sends them in one statement instead of one per use-case step.
 */
export function deferAudit(trx: Transaction<DB>): void {
  if (!pending.has(trx)) pending.set(trx, []);
}

/** Appends what `deferAudit` collected (call it last, just before commit). */
export async function flushAudit(trx: Transaction<DB>): Promise<void> {
  const items = pending.get(trx);
  pending.delete(trx);
  if (items && items.length > 0) await appendChained(trx, items);
}

/**
 * Appends entries to the hash chain inside the caller's transaction, so the audit row commits or
 * rolls back with the change it records. They are linked while the transaction commits (migration
 * 0011): an advisory lock orders concurrent appenders and each entry covers the previous entry's
 * hash; until then they are not in `audit_log`. Inside `deferAudit` they are sent at `flushAudit`.
 */
export async function appendAudit(trx: Transaction<DB>, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const deferred = pending.get(trx);
  if (deferred) {
    for (const entry of entries) deferred.push({ ctx, entry });
    return;
  }
  await appendChained(
    trx,
    entries.map((entry) => ({ ctx, entry })),
  );
}

/**
 * One entry's canonical JSON (what `entryHash` hashes) cut around the two values only the database
 * knows once the chain's lock is held: `head ‖ prev_hash ‖ mid ‖ seq ‖ "}"` is the whole text.
 */
export function chainTemplate(fields: Omit<ChainedFields, 'seq' | 'prev_hash'>): { head: string; mid: string } {
  const text = canonicalJson({ ...fields, prev_hash: GENESIS_HASH, seq: 0 });
  // Top-level keys come sorted, and no key after `prev_hash` holds an object: the last match is ours.
  const marker = `,"prev_hash":"`;
  const at = text.lastIndexOf(`${marker}${GENESIS_HASH}"`);
  const rest = text.slice(at + marker.length + GENESIS_HASH.length);
  if (at < 0 || !rest.endsWith(',"seq":0}')) throw new Error('audit: unexpected canonical form');
  return { head: text.slice(0, at + marker.length), mid: rest.slice(0, -'0}'.length) };
}

/**
 * Records a read of personal data, on its own: one statement, which is its own transaction. Call it
 * after the read and before answering: if it fails, the caller answers with the error, not the data.
 */
export async function auditRead(db: Kysely<DB>, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await appendChained(db, entries.map((entry) => ({ ctx, entry })));
}

/**
 * Appends in one statement: `audit_append` stores the entries, and at commit a deferred trigger
 * takes the chain's lock, reads the last link and inserts them (migrations 0010 and 0011).
 */
async function appendChained(trx: Kysely<DB> | Transaction<DB>, items: { ctx: AuditContext; entry: AuditEntry }[]): Promise<void> {
  const at = new Date().toISOString();
  const entries = items.map(({ ctx, entry: e }) => {
    const fields = {
      at,
      actor_id: ctx.actorId,
      actor_name: ctx.actorName,
      agency_code: ctx.agencyCode,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      request_id: ctx.requestId,
      client_ip: ctx.clientIp,
      data: e.data ?? {},
    };
    return { ...fields, ...chainTemplate(fields) };
  });
  // Nothing is read back, so in a transaction it is sent without waiting (db/pipeline.ts).
  await sendWithoutWaiting(trx, sql`SELECT audit_append(${AUDIT_CHAIN_LOCK}, ${JSON.stringify(entries)}::jsonb)`.compile(trx));
}

export type ChainVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Re-computes the whole chain in order and reports the first entry that does not fit. */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, entries: count, brokenAt: expectedSeq, reason: 'missing entry' };
      if (r.prev_hash !== prev)
        return { ok: false, entries: count, brokenAt: r.seq, reason: 'previous hash does not match' };
      const recomputed = entryHash({
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        agency_code: r.agency_code,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        request_id: r.request_id,
        client_ip: r.client_ip,
        data: r.data,
        prev_hash: r.prev_hash,
      });
      if (recomputed !== r.hash) return { ok: false, entries: count, brokenAt: r.seq, reason: 'content was altered' };
      prev = r.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, entries: count, lastHash: prev };
}

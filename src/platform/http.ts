import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.js';
import { sendWithoutWaiting } from '../db/pipeline.js';
import { prepared } from '../db/prepared.js';
import type { Access } from './auth/access.js';
import type { Actor, PersonActor } from './auth/actor.js';
import type { AuditContext } from './audit/audit.js';
import { AppError, conflict, invalid, unauthenticated } from './errors.js';
import { canonicalJson, deferAudit, flushAudit } from './audit/audit.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** CSRF token of the cookie session, when the caller came with one. */
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const ErrorSchema = z
  .object({
    code: z.string(),
    message: z.object({ vi: z.string(), en: z.string() }),
    details: z.unknown(),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

/** Standard error responses to list in route schemas, so OpenAPI shows them. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  412: ErrorSchema,
  428: ErrorSchema,
};

export function auditContext(req: FastifyRequest, agencyCode: string | null = null): AuditContext {
  const a = req.actor;
  return {
    actorId: a.kind === 'person' ? a.id : null,
    actorName: a.kind === 'person' ? a.username : null,
    agencyCode,
    requestId: req.id,
    clientIp: req.ip,
  };
}

export function requirePerson(req: FastifyRequest): PersonActor {
  if (req.actor.kind !== 'person') throw unauthenticated();
  return req.actor;
}

// ---------------------------------------------------------------------------------------------
// Cursor pagination: an opaque, url-safe cursor holding the sort key of the last item returned.

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid('INVALID_CURSOR', { vi: 'Con trỏ phân trang không hợp lệ', en: 'The page cursor is not valid' });
  }
}

const claimKey = prepared((db: Kysely<DB>, row: { actor_id: string; key: string; route: string; request_hash: string }) =>
  db.insertInto('idempotency_keys').values(row).onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing()).returning('key'),
);

const storeResponse = prepared((db: Kysely<DB>, a: { actorId: string; key: string; status: number; response: string }) =>
  db.updateTable('idempotency_keys').set({ status_code: a.status, response: a.response }).where('actor_id', '=', a.actorId).where('key', '=', a.key),
);

/** Takes `limit + 1` rows, returns `limit` of them and a cursor when there is more. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => unknown): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

// ---------------------------------------------------------------------------------------------
// Optimistic concurrency: updates carry the version they were based on, as If-Match: "<version>".

export function etag(version: number): string {
  return `"${version}"`;
}

export function requireIfMatch(req: FastifyRequest): number {
  const h = req.headers['if-match'];
  if (!h) {
    throw new AppError('precondition', 'IF_MATCH_REQUIRED', {
      vi: 'Thiếu phiên bản dữ liệu (If-Match): hãy tải lại bản ghi trước khi sửa',
      en: 'If-Match header required: read the record before changing it',
    });
  }
  const m = /^(?:W\/)?"(\d+)"$/.exec(String(h).trim());
  if (!m) throw invalid('INVALID_IF_MATCH', { vi: 'Giá trị If-Match không hợp lệ', en: 'The If-Match value is not valid' });
  return Number(m[1]);
}

export const staleVersion = (current: number) =>
  conflict(
    'VERSION_CONFLICT',
    {
      vi: 'Bản ghi đã được người khác thay đổi; hãy tải lại và thử lại',
      en: 'The record was changed by someone else; reload it and try again',
    },
    { currentVersion: current },
  );

// ---------------------------------------------------------------------------------------------
// Idempotency: a POST that creates something carries an Idempotency-Key. The key row is written in
// the same transaction as the record, so a retry after success replays the first answer and a
// concurrent duplicate waits on the unique key, then replays.

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function requireIdempotencyKey(req: FastifyRequest): string {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string' || !/^[A-Za-z0-9._:-]{8,200}$/.test(key)) {
    throw invalid('IDEMPOTENCY_KEY_REQUIRED', {
      vi: 'Thiếu hoặc sai khóa chống gửi trùng (Idempotency-Key, 8–200 ký tự)',
      en: 'Missing or invalid Idempotency-Key header (8–200 characters)',
    });
  }
  return key;
}

export type Created<T> = { status: number; body: T };

export async function withIdempotency<T>(
  db: Kysely<DB>,
  req: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<DB>) => Promise<Created<T>>,
): Promise<T> {
  const key = requireIdempotencyKey(req);
  const actorId = req.actor.kind === 'person' ? req.actor.id : `anon:${req.ip}`;
  const route = `${req.method} ${req.routeOptions.url}`;
  const requestHash = createHash('sha256')
    .update(canonicalJson({ route, params: req.params ?? null, body: req.body ?? null }))
    .digest('hex');
  const result = await db.transaction().execute(async (trx) => {
    const inserted = (await claimKey.execute(trx, { actor_id: actorId, key, route, request_hash: requestHash })).rows[0];
    if (!inserted) {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response'])
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', {
          vi: 'Khóa chống gửi trùng đã được dùng cho một yêu cầu khác',
          en: 'This Idempotency-Key was already used for a different request',
        });
      }
      return { replay: true as const, status: prior.status_code ?? 200, body: prior.response as T };
    }
    // The audit chain's lock is taken by the last statements only (see deferAudit).
    deferAudit(trx);
    const created = await work(trx);
    await sendWithoutWaiting(trx, storeResponse.compile(trx, { actorId, key, status: created.status, response: JSON.stringify(created.body) }));
    await flushAudit(trx);
    return { replay: false as const, ...created };
  });
  reply.code(result.status);
  if (result.replay) reply.header('idempotent-replayed', 'true');
  return result.body;
}

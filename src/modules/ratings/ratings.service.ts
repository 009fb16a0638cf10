/**
 * Satisfaction ratings (đánh giá mức độ hài lòng): one per dossier, by its applicant, once the result
 * is returned; editable for RATING_EDIT_DAYS, then locked. Read by the applicant and by the officers
 * who can see the dossier (the dossier engine's visibility). Writes and officers' reads are audited.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonActor } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { findDossier, findDossierKey, lockDossier, type DossierKey } from '../dossiers/dossiers.repository.js';
import { isApplicantKind, notFoundDossier, visibilityOf } from '../dossiers/dossiers.service.js';
import { ratingWindow } from './rating-window.js';
import type { RatingInput, RatingView } from './ratings.schemas.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function activeCriteria(db: Q) {
  const rows = await db.selectFrom('rating_criteria').select(['code', 'label_vi', 'label_en']).where('active', '=', true).orderBy('position').execute();
  return rows.map((r) => ({ code: r.code, label: { vi: r.label_vi, en: r.label_en } }));
}

/** The instant the result was handed back (the dossier's RETURN_RESULT event), or null. */
async function returnedAt(db: Q, key: DossierKey): Promise<Date | null> {
  const e = await db
    .selectFrom('dossier_events')
    .select('at')
    .where('agency_code', '=', key.agencyCode)
    .where('dossier_id', '=', key.id)
    .where('action', '=', 'RETURN_RESULT')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return e ? new Date(e.at) : null;
}

async function visibleDossier(db: Q, actor: PersonActor, ref: string) {
  const key = await findDossierKey(db, ref);
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  return { key, row };
}

const isOwner = (actor: PersonActor, row: { applicant_id: string }) => isApplicantKind(actor) && row.applicant_id === actor.id;

async function view(db: Q, actor: PersonActor, key: DossierKey, row: { code: string | null; applicant_id: string }, now: Date): Promise<RatingView> {
  const window = ratingWindow(await returnedAt(db, key), now);
  const r = await db.selectFrom('dossier_ratings').selectAll().where('agency_code', '=', key.agencyCode).where('dossier_id', '=', key.id).executeTakeFirst();
  return {
    dossierId: key.id,
    code: row.code,
    window: window.state,
    editableUntil: window.state === 'open' ? window.until.toISOString() : window.state === 'locked' ? window.since.toISOString() : null,
    criteria: await activeCriteria(db),
    rating: r
      ? { satisfied: r.satisfied, scores: r.scores as Record<string, number>, comment: r.comment, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() }
      : null,
    canRate: window.state === 'open' && isOwner(actor, row),
  };
}

export async function getRating(db: Kysely<DB>, actor: PersonActor, ctx: AuditContext, ref: string): Promise<RatingView> {
  const { key, row } = await visibleDossier(db, actor, ref);
  const v = await view(db, actor, key, row, new Date());
  if (!isOwner(actor, row)) {
    // An officer reads what an applicant said about the service: audited.
    await db.transaction().execute((trx) =>
      appendAudit(trx, { ...ctx, agencyCode: key.agencyCode }, [{ action: 'dossier.rating.read', entityType: 'dossier', entityId: key.id, data: { rated: v.rating !== null } }]),
    );
  }
  return v;
}

/** Creates or replaces the applicant's rating while the window is open. Returns whether it was created. */
export async function putRating(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, ref: string, input: RatingInput): Promise<{ created: boolean; view: RatingView }> {
  const { key, row } = await visibleDossier(trx, actor, ref);
  if (!isOwner(actor, row)) throw forbidden();
  await lockDossier(trx, key);
  const now = new Date();
  const returned = await returnedAt(trx, key);
  const window = ratingWindow(returned, now);
  if (window.state === 'not_open') {
    throw conflict('RATING_NOT_OPEN', { vi: 'Chỉ đánh giá được sau khi đã nhận kết quả', en: 'The service can be rated once the result is returned' }, { status: row.status });
  }
  if (window.state === 'locked') {
    throw conflict('RATING_LOCKED', { vi: 'Đã hết thời hạn đánh giá hoặc sửa đánh giá', en: 'The time to rate or change the rating is over' }, { lockedSince: window.since.toISOString() });
  }
  const criteria = await activeCriteria(trx);
  const known = new Set(criteria.map((c) => c.code));
  const issues = [
    ...criteria.filter((c) => input.scores[c.code] === undefined).map((c) => ({ field: `body.scores.${c.code}`, message: 'required' })),
    ...Object.keys(input.scores).filter((k) => !known.has(k)).map((k) => ({ field: `body.scores.${k}`, message: 'unknown criterion' })),
  ];
  if (issues.length > 0) {
    throw invalid('RATING_INVALID', { vi: 'Cần chấm điểm đủ các tiêu chí đánh giá', en: 'Every criterion needs a score' }, { issues, criteria: [...known] });
  }
  const comment = input.comment ? input.comment : null;
  const existing = await trx.selectFrom('dossier_ratings').select('version').where('agency_code', '=', key.agencyCode).where('dossier_id', '=', key.id).executeTakeFirst();
  const values = { satisfied: input.satisfied, scores: JSON.stringify(input.scores), comment };
  if (existing) {
    await trx
      .updateTable('dossier_ratings')
      .set({ ...values, version: existing.version + 1, updated_at: now })
      .where('agency_code', '=', key.agencyCode)
      .where('dossier_id', '=', key.id)
      .execute();
  } else {
    await trx
      .insertInto('dossier_ratings')
      .values({ agency_code: key.agencyCode, dossier_id: key.id, applicant_id: actor.id, returned_at: returned!, created_at: now, updated_at: now, ...values })
      .execute();
  }
  await appendAudit(trx, { ...ctx, agencyCode: key.agencyCode }, [
    { action: existing ? 'dossier.rating.update' : 'dossier.rating.create', entityType: 'dossier', entityId: key.id, data: { satisfied: input.satisfied, scores: input.scores, comment: comment !== null } },
  ]);
  return { created: !existing, view: await view(trx, actor, key, row, now) };
}

/**
 * Online drafts (bản nháp): an applicant's dossier before it is submitted, kept on the server so it can
 * be resumed on another device. A draft is created by POST /dossiers with `draft: true` (file-dossier.ts)
 * and submitted by the SUBMIT_ONLINE action (perform-action.ts, which checks the form in full). Here:
 * replacing its form, and discarding it. Only the owner sees a draft (officers never do), and a draft is
 * not a legal record: discarding removes it, with its creation event and any papers attached to it.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { PersonActor } from '../../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../../platform/audit/audit.js';
import { conflict, forbidden } from '../../../platform/errors.js';
import type { WorkingCalendar } from '../../calendar/index.js';
import { findVersion } from '../../catalog/catalog.repository.js';
import { Status } from '../domain/index.js';
import type { DossierKey } from '../dossiers.repository.js';
import { actionsFor, domainActors, dossierView, validateForm } from '../dossiers.service.js';
import { loadForAction } from './perform-action.js';

const notADraft = (status: string) =>
  conflict('DOSSIER_NOT_DRAFT', { vi: 'Hồ sơ đã nộp, không còn là bản nháp', en: 'The dossier was submitted and is no longer a draft' }, { status });

/** The draft, locked, for its owner at the version they last read; 404 / 403 / 409 otherwise. */
async function loadDraft(trx: Transaction<DB>, actor: PersonActor, key: DossierKey, expectedVersion: number) {
  const loaded = await loadForAction(trx, actor, key);
  const { row, state } = loaded;
  if (domainActors(actor, row).length === 0 || row.applicant_id !== actor.id) throw forbidden();
  if (state.status !== Status.DRAFT) throw notADraft(state.status);
  if (row.version !== expectedVersion) {
    throw conflict(
      'VERSION_CONFLICT',
      { vi: 'Bản nháp vừa được lưu từ nơi khác; hãy tải lại và thử lại', en: 'The draft was just saved elsewhere; reload it and try again' },
      { currentVersion: row.version },
    );
  }
  return loaded;
}

/** Replaces the draft's form (checked for its shape only: fields may still be missing). */
export async function updateDraft(
  trx: Transaction<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  key: DossierKey,
  expectedVersion: number,
  formData: Record<string, unknown>,
  calendar: WorkingCalendar,
) {
  const { row, state } = await loadDraft(trx, actor, key, expectedVersion);
  const version = (await findVersion(trx, row.procedure_code, row.procedure_version))!;
  validateForm(version, formData, 'shape');
  const updated = await trx
    .updateTable('dossiers')
    .set({ form_data: JSON.stringify(formData), version: row.version + 1, updated_at: new Date() })
    .where('agency_code', '=', key.agencyCode)
    .where('id', '=', key.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, [
    { action: 'dossier.draft.update', entityType: 'dossier', entityId: key.id, data: { version: updated.version, fields: Object.keys(formData).length } },
  ]);
  const now = new Date();
  return dossierView(updated, state, { code: version.code, version: version.version, name: version.data.name }, actionsFor(state, domainActors(actor, updated), { now, calendar }));
}

/** Discards the draft: the row, its creation event and the papers attached so far (their files stay in the blob store). */
export async function discardDraft(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, key: DossierKey, expectedVersion: number): Promise<void> {
  await loadDraft(trx, actor, key, expectedVersion);
  const paid = await trx.selectFrom('dossier_payments').select('id').where('agency_code', '=', key.agencyCode).where('dossier_id', '=', key.id).limit(1).executeTakeFirst();
  if (paid) {
    throw conflict('DOSSIER_DRAFT_HAS_PAYMENT', { vi: 'Bản nháp đã có giao dịch thanh toán, không thể xóa', en: 'A payment was started for this draft; it cannot be discarded' });
  }
  // The history guards of both tables let a draft's rows go (migration 0009): nothing was filed yet.
  await trx.deleteFrom('dossier_attachments').where('agency_code', '=', key.agencyCode).where('dossier_id', '=', key.id).execute();
  await trx.deleteFrom('dossier_events').where('agency_code', '=', key.agencyCode).where('dossier_id', '=', key.id).execute();
  await trx.deleteFrom('dossiers').where('agency_code', '=', key.agencyCode).where('id', '=', key.id).where('status', '=', Status.DRAFT).execute();
  await appendAudit(trx, ctx, [{ action: 'dossier.draft.discard', entityType: 'dossier', entityId: key.id, data: { version: expectedVersion } }]);
}

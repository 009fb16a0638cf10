/**
 * Any workflow action on an existing dossier, decided by the domain (`decide`) and recorded in one
 * transaction: the row is locked (FOR UPDATE), the If-Match version checked, the history replayed, the
 * decision's events appended, the snapshot updated with a version check, and the audit entry written.
 * A refusal writes nothing and answers the domain's error (409 with the status and the available actions).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { PersonActor } from '../../../platform/auth/actor.js';
import type { AuditContext } from '../../../platform/audit/audit.js';
import { conflict, invalid } from '../../../platform/errors.js';
import { staleVersion } from '../../../platform/http.js';
import type { WorkingCalendar } from '../../calendar/index.js';
import { findVersion } from '../../catalog/catalog.repository.js';
import { Action, decide, formatDossierCode, replay, vnDateOf, type PayloadOf, type TransitionAction } from '../domain/index.js';
import { findDossier, insertCode, loadEvents, lockDossier, nextSequence, updateSnapshot, type DossierKey, type DossierRow } from '../dossiers.repository.js';
import { actionsFor, domainActors, dossierView, notFoundDossier, reviveEvent, snapshotOf, timeLimitOf, validateForm, visibilityOf } from '../dossiers.service.js';
import { recordEvents } from './record.js';

/** The dossier as the caller may see it, locked, with its replayed state; 404 when out of sight. */
export async function loadForAction(trx: Transaction<DB>, actor: PersonActor, key: DossierKey) {
  if (!(await findDossier(trx, key, await visibilityOf(trx, actor)))) throw notFoundDossier();
  const row = (await lockDossier(trx, key))!;
  const events = (await loadEvents(trx, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
  return { row, events, state: replay(events) };
}

/**
 * What the service fills in for RECEIVE: the code, numbered in the receiving agency's daily sequence,
 * and the time limit of the procedure version the dossier was filed under. The caller cannot choose them.
 */
async function completePayload(trx: Transaction<DB>, row: DossierRow, allowed: boolean, action: TransitionAction, raw: Record<string, unknown>, now: Date) {
  // A refused RECEIVE gets the raw payload: the domain refuses it on the status before reading it.
  if (action !== Action.RECEIVE || !allowed) return raw;
  const version = (await findVersion(trx, row.procedure_code, row.procedure_version))!;
  const sequence = await nextSequence(trx, row.agency_code, vnDateOf(now));
  const payload: PayloadOf<'RECEIVE'> = {
    ...(raw as object),
    dossierCode: formatDossierCode({ agencyCode: row.agency_code, receivedAt: now, sequence }),
    timeLimit: timeLimitOf(version, row.channel),
  };
  return payload;
}

/**
 * A dossier goes only to an agency that exists, is active and, when the procedure names its agencies by
 * code, is one of them (competent, implementing, receiving, authorised or co-ordinating). A procedure
 * whose agencies are known only as text (imported from the national list) cannot be checked further.
 */
async function checkTransferTarget(trx: Transaction<DB>, row: DossierRow, target: string) {
  const agency = await trx.selectFrom('agencies').select(['code', 'active']).where('code', '=', target).executeTakeFirst();
  if (!agency || !agency.active) {
    throw invalid(
      'DOSSIER_TRANSFER_TARGET_INVALID',
      { vi: `Không có cơ quan đang hoạt động mang mã ${target}`, en: `There is no active agency with code ${target}` },
      { field: 'toAgencyCode', toAgencyCode: target, problem: 'unknown agency' },
    );
  }
  const version = (await findVersion(trx, row.procedure_code, row.procedure_version))!;
  const named = new Set(Object.values(version.data.agencies).flatMap((ref) => ref.codes));
  if (named.size > 0 && !named.has(target)) {
    throw invalid(
      'DOSSIER_TRANSFER_TARGET_INVALID',
      {
        vi: `Cơ quan ${target} không tham gia giải quyết thủ tục ${row.procedure_code}; chọn một trong: ${[...named].join(', ')}`,
        en: `Agency ${target} takes no part in procedure ${row.procedure_code}; choose one of: ${[...named].join(', ')}`,
      },
      { field: 'toAgencyCode', toAgencyCode: target, problem: 'does not handle the procedure', allowed: [...named] },
    );
  }
}

export async function performAction(
  trx: Transaction<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  key: DossierKey,
  action: TransitionAction,
  expectedVersion: number,
  raw: Record<string, unknown>,
  calendar: WorkingCalendar,
) {
  const { row, state } = await loadForAction(trx, actor, key);
  const now = new Date();
  const actors = domainActors(actor, row);
  if (row.version !== expectedVersion) {
    // Someone acted first: say what the dossier is now and what is left to do.
    throw conflict(
      'VERSION_CONFLICT',
      { vi: 'Hồ sơ vừa được người khác xử lý; hãy tải lại và thử lại', en: 'The dossier was just changed by someone else; reload it and try again' },
      { currentVersion: row.version, status: state.status, available: actionsFor(state, actors, { now, calendar }) },
    );
  }
  // Act in the capacity (agency) that allows the action; otherwise let the domain explain the refusal.
  const capable = actors.find((a) => actionsFor(state, [a], { now, calendar }).includes(action));
  const me = capable ?? actors[0]!;
  if (capable && action === Action.SUBMIT_ONLINE) {
    // A draft's form was only checked for its shape: on submission it must be complete.
    validateForm((await findVersion(trx, row.procedure_code, row.procedure_version))!, row.form_data as Record<string, unknown>);
  }
  if (capable && action === Action.TRANSFER && typeof raw.toAgencyCode === 'string' && raw.toAgencyCode.trim() !== '') {
    await checkTransferTarget(trx, row, raw.toAgencyCode);
  }
  const payload = await completePayload(trx, row, capable !== undefined, action, raw, now);
  const decision = decide(state, action, me, payload as never, now, calendar);
  if (!decision.ok) {
    const e = decision.error;
    if (e.details && typeof e.details === 'object' && !('status' in e.details)) Object.assign(e.details, { status: state.status });
    throw e;
  }
  const next = decision.next;
  if (!(await updateSnapshot(trx, key, row.version, snapshotOf(next)))) throw staleVersion(row.version);
  if (action === Action.RECEIVE && next.dossierCode) await insertCode(trx, next.dossierCode, key);
  await recordEvents(trx, ctx, key, decision.events, next);

  const updated = (await lockDossier(trx, key))!;
  const version = (await findVersion(trx, row.procedure_code, row.procedure_version))!;
  return dossierView(updated, next, { code: version.code, version: version.version, name: version.data.name }, actionsFor(next, actors, { now, calendar }));
}

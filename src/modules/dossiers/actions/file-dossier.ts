/**
 * Filing a dossier, in one transaction:
 * - online, by the applicant: the draft is created and submitted at once (status SUBMITTED), and waits
 *   for the receiving desk;
 * - online as a draft (`draft: true`), by the applicant: only created (status DRAFT), with a form that
 *   may still be incomplete; no code, no deadline, no notice. It is submitted later with SUBMIT_ONLINE;
 * - at the desk (in person or by post), by a reception officer for an applicant looked up by id: the
 *   paper draft is created and received at once (status RECEIVED): the code is numbered and the
 *   processing clock starts.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../../platform/auth/actor.js';
import type { AuditContext } from '../../../platform/audit/audit.js';
import { forbidden, invalid } from '../../../platform/errors.js';
import type { WorkingCalendar } from '../../calendar/index.js';
import { findPersonById } from '../../org/org.repository.js';
import { Action, Channel, createDossier, decide, formatDossierCode, vnDateOf, type Decision, type DossierActor, type DossierEvent } from '../domain/index.js';
import { insertCode, insertDossier, nextSequence, type DossierKey } from '../dossiers.repository.js';
import type { DossierCreate } from '../dossiers.schemas.js';
import {
  actionsFor,
  domainActors,
  dossierView,
  isApplicantKind,
  procedureInForce,
  snapshotOf,
  timeLimitOf,
  toDbChannel,
  validateForm,
} from '../dossiers.service.js';
import { recordEvents } from './record.js';

function take(d: Decision): Extract<Decision, { ok: true }> {
  if (!d.ok) throw d.error;
  return d;
}

/** The receiving desk of the filing: the applicant names it; a desk officer files at their own. */
export function receivingAgencyOf(actor: PersonActor, input: DossierCreate): string {
  if (isApplicantKind(actor)) {
    if (!input.receivingAgencyCode) {
      throw invalid('VALIDATION_FAILED', { vi: 'Cần chọn nơi tiếp nhận hồ sơ', en: 'receivingAgencyCode is required' }, { issues: [{ field: 'body.receivingAgencyCode', message: 'required' }] });
    }
    return input.receivingAgencyCode;
  }
  const desks = agenciesWithRole(actor, [Role.RECEPTION]);
  const code = input.receivingAgencyCode ?? (desks.length === 1 ? desks[0]! : undefined);
  if (!code) {
    throw invalid('VALIDATION_FAILED', { vi: 'Cần chọn bộ phận một cửa tiếp nhận', en: 'receivingAgencyCode is required' }, { issues: [{ field: 'body.receivingAgencyCode', message: 'required: you work at several desks' }] });
  }
  if (!desks.includes(code)) throw forbidden({ receivingAgencyCode: code });
  return code;
}

export async function fileDossier(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, input: DossierCreate, receivingAgencyCode: string, calendar: WorkingCalendar) {
  const online = isApplicantKind(actor);
  const version = await procedureInForce(trx, input.procedureCode);
  const data = version.data;
  const receivers = data.agencies.receiving.codes;
  if (receivers.length > 0 && !receivers.includes(receivingAgencyCode)) {
    throw invalid(
      'DOSSIER_WRONG_RECEIVING_AGENCY',
      { vi: 'Thủ tục này không được tiếp nhận tại cơ quan đã chọn', en: 'This procedure is not received at the chosen agency' },
      { field: 'body.receivingAgencyCode', receivingAgencyCodes: receivers },
    );
  }
  const competent = data.agencies.competent.codes[0] ?? data.agencies.implementing.codes[0] ?? receivingAgencyCode;

  let applicantId = actor.id;
  if (online) {
    if (input.applicantId !== undefined && input.applicantId !== actor.id) throw forbidden({ field: 'body.applicantId' });
    if (input.channel !== undefined) throw invalid('VALIDATION_FAILED', { vi: 'Hồ sơ trực tuyến không chọn kênh', en: 'channel is for desk filings' }, { issues: [{ field: 'body.channel', message: 'only at the desk' }] });
  } else {
    const applicant = input.applicantId ? await findPersonById(trx, input.applicantId) : undefined;
    if (!applicant || (applicant.kind !== 'citizen' && applicant.kind !== 'business')) {
      throw invalid('DOSSIER_UNKNOWN_APPLICANT', { vi: 'Không tìm thấy người nộp hồ sơ', en: 'Unknown applicant' }, { field: 'body.applicantId' });
    }
    applicantId = applicant.id;
  }
  const draft = input.draft === true;
  if (draft && !online) {
    throw invalid('DOSSIER_DRAFT_ONLINE_ONLY', { vi: 'Chỉ người nộp hồ sơ trực tuyến mới lưu bản nháp', en: 'Only an online applicant keeps a draft' }, { issues: [{ field: 'body.draft', message: 'online applicants only' }] });
  }
  if (draft && input.note !== undefined) throw invalid('VALIDATION_FAILED', { vi: 'Ghi chú được gửi khi nộp hồ sơ', en: 'A note goes with the submission, not the draft' }, { issues: [{ field: 'body.note', message: 'not on a draft' }] });
  validateForm(version, input.formData, draft ? 'shape' : 'complete');

  const channel = online ? Channel.ONLINE : input.channel === 'postal' ? Channel.POST : Channel.DESK;
  const now = new Date();
  const me: DossierActor = online ? { id: actor.id, applicant: true } : { id: actor.id, roles: [Role.RECEPTION], agencyCode: receivingAgencyCode };
  const created = take(createDossier({ procedureCode: version.code, channel, receivingAgencyCode, competentAgencyCode: competent }, me, now));
  const key: DossierKey = { agencyCode: receivingAgencyCode, id: randomUUID() };

  let next: Decision;
  if (draft) {
    next = created;
  } else if (online) {
    next = decide(created.next, Action.SUBMIT_ONLINE, me, input.note ? { note: input.note } : {}, now, calendar);
  } else {
    const sequence = await nextSequence(trx, receivingAgencyCode, vnDateOf(now));
    const dossierCode = formatDossierCode({ agencyCode: receivingAgencyCode, receivedAt: now, sequence });
    next = decide(created.next, Action.RECEIVE, me, { dossierCode, timeLimit: timeLimitOf(version, toDbChannel(channel)) }, now, calendar);
  }
  const done = take(next);
  const events: DossierEvent[] = draft ? created.events : [...created.events, ...done.events];

  const row = await insertDossier(
    trx,
    {
      agency_code: key.agencyCode,
      id: key.id,
      procedure_code: version.code,
      procedure_version: version.version,
      applicant_id: applicantId,
      filer_id: actor.id,
      representative_name: input.representative?.name ?? null,
      representative_mandate: input.representative?.mandate ?? null,
      channel: toDbChannel(channel),
      competent_agency_code: competent,
      form_data: input.formData,
    },
    snapshotOf(done.next),
  );
  if (done.next.dossierCode) await insertCode(trx, done.next.dossierCode, key);
  await recordEvents(trx, ctx, key, events, done.next, { procedure: `${version.code}/${version.version}` });

  return dossierView(row, done.next, { code: version.code, version: version.version, name: data.name }, actionsFor(done.next, domainActors(actor, row), { now, calendar }));
}

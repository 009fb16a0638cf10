/**
 * Which dossier events the applicant is told about, and with what. Pure: an event in, a template and
 * its data out (or null). The facts come from the event itself (the due date it fixed, the items it
 * asked for), so a message says what was decided even if the dossier moves on before it is sent.
 */
import { Action, assertNever, type DossierEvent } from '../dossiers/domain/index.js';
import type { TemplateData, TemplateName } from './templates.js';

export type Notice = { [T in TemplateName]: { template: T; data: TemplateData[T] } }[TemplateName];

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function applicantNoticeFor(event: DossierEvent, dossierCode: string | null): Notice | null {
  const code = dossierCode ?? '';
  switch (event.action) {
    case Action.SUBMIT_ONLINE:
      return { template: 'dossier_submitted', data: { submittedAt: event.at.toISOString() } };
    case Action.RECEIVE:
      return { template: 'dossier_received', data: { code: event.payload.dossierCode, dueAt: iso(event.due.after) } };
    case Action.REQUEST_SUPPLEMENT:
      return { template: 'supplement_requested', data: { code, items: event.payload.items.map((i) => ({ componentCode: i.componentCode, reason: i.reason })) } };
    case Action.REQUEST_PAYMENT:
      return { template: 'payment_requested', data: { code, amount: event.payload.amount, description: event.payload.description } };
    case Action.RECORD_RESULT:
      return { template: 'result_ready', data: { code } };
    case Action.ISSUE_APOLOGY:
      return { template: 'apology', data: { code, newDueAt: event.payload.newDue.toISOString(), reason: event.payload.reason } };
    case Action.REFUSE_RECEPTION:
      return { template: 'refused', data: { code: dossierCode, reasons: [...event.payload.reasons], atReception: true } };
    case Action.REFUSE_TO_SETTLE:
      return { template: 'refused', data: { code: dossierCode, reasons: [...event.payload.reasons], atReception: false } };
    case Action.REDATE:
      return { template: 'redated', data: { code, dueBefore: iso(event.due.before), dueAfter: iso(event.due.after), change: event.payload.change } };
    case Action.CREATE:
    case Action.RECEIVE_SUPPLEMENT:
    case Action.ASSIGN:
    case Action.PROCESS_STEP:
    case Action.FORWARD:
    case Action.SUBMIT_FOR_APPROVAL:
    case Action.TRANSFER:
    case Action.RECEIVE_BACK:
    case Action.PAUSE:
    case Action.RESUME:
    case Action.RECORD_PAYMENT:
    case Action.APPROVE:
    case Action.RETURN_RESULT:
    case Action.WITHDRAW:
    case Action.STOP_PROCESSING:
      return null;
  }
  return assertNever(event, 'event');
}

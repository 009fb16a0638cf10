/**
 * The form of each workflow action, shaped by the payloads the dossier domain reads
 * (src/modules/dossiers/domain/payloads.ts): which fields, which are required, and how the typed
 * values become the payload. Pure data and functions; the page renders them.
 */

export type Simple =
  | { name: string; kind: 'text' | 'textarea' | 'datetime' | 'amount' | 'agency' | 'officer'; label: FieldLabel; required?: boolean }
  | { name: string; kind: 'lines'; label: FieldLabel; required?: boolean }
  | { name: string; kind: 'select'; label: FieldLabel; options: 'pause' | 'stop' | 'method'; required?: boolean };

export type FieldLabel =
  | 'reasons'
  | 'legalBasis'
  | 'stepName'
  | 'assigneeId'
  | 'note'
  | 'noteRequired'
  | 'toAgencyCode'
  | 'reason'
  | 'pauseReason'
  | 'amount'
  | 'description'
  | 'receiptNumber'
  | 'documentNumber'
  | 'summary'
  | 'method'
  | 'receiverName'
  | 'stopReason'
  | 'newDue';

/** Besides simple fields, two actions carry a checklist of the procedure's papers. */
export type Checklist = 'request' | 'supplied' | null;

/**
 * `resultFile`: the form also takes the result document, uploaded (component `result`) before the
 * action is sent, so the result and its record go out together.
 */
export type ActionForm = { fields: Simple[]; checklist: Checklist; resultFile?: boolean };

const f = (fields: Simple[], checklist: Checklist = null): ActionForm => ({ fields, checklist });

export const ACTION_FORMS: Record<string, ActionForm> = {
  RECEIVE: f([{ name: 'stepName', kind: 'text', label: 'stepName' }]),
  REFUSE_RECEPTION: f([{ name: 'reasons', kind: 'lines', label: 'reasons', required: true }]),
  REQUEST_SUPPLEMENT: f([{ name: 'legalBasis', kind: 'text', label: 'legalBasis' }], 'request'),
  RECEIVE_SUPPLEMENT: f([], 'supplied'),
  ASSIGN: f([
    { name: 'assigneeId', kind: 'officer', label: 'assigneeId', required: true },
    { name: 'stepName', kind: 'text', label: 'stepName' },
  ]),
  PROCESS_STEP: f([{ name: 'note', kind: 'textarea', label: 'noteRequired', required: true }]),
  FORWARD: f([{ name: 'stepName', kind: 'text', label: 'stepName' }]),
  SUBMIT_FOR_APPROVAL: f([{ name: 'stepName', kind: 'text', label: 'stepName' }]),
  TRANSFER: f([
    { name: 'toAgencyCode', kind: 'agency', label: 'toAgencyCode', required: true },
    { name: 'reason', kind: 'textarea', label: 'reason', required: true },
    { name: 'stepName', kind: 'text', label: 'stepName' },
  ]),
  RECEIVE_BACK: f([{ name: 'note', kind: 'textarea', label: 'note' }]),
  PAUSE: f([
    { name: 'reason', kind: 'select', label: 'pauseReason', options: 'pause', required: true },
    { name: 'legalBasis', kind: 'text', label: 'legalBasis', required: true },
  ]),
  RESUME: f([{ name: 'note', kind: 'textarea', label: 'note' }]),
  REQUEST_PAYMENT: f([
    { name: 'amount', kind: 'amount', label: 'amount', required: true },
    { name: 'description', kind: 'text', label: 'description', required: true },
  ]),
  RECORD_PAYMENT: f([
    { name: 'amount', kind: 'amount', label: 'amount', required: true },
    { name: 'receiptNumber', kind: 'text', label: 'receiptNumber' },
  ]),
  APPROVE: f([{ name: 'note', kind: 'textarea', label: 'note' }]),
  REFUSE_TO_SETTLE: f([{ name: 'reasons', kind: 'lines', label: 'reasons', required: true }]),
  RECORD_RESULT: {
    ...f([
      { name: 'documentNumber', kind: 'text', label: 'documentNumber', required: true },
      { name: 'summary', kind: 'textarea', label: 'summary', required: true },
    ]),
    resultFile: true,
  },
  RETURN_RESULT: f([
    { name: 'method', kind: 'select', label: 'method', options: 'method', required: true },
    { name: 'receiverName', kind: 'text', label: 'receiverName' },
  ]),
  WITHDRAW: f([{ name: 'reason', kind: 'textarea', label: 'reason' }]),
  STOP_PROCESSING: f([
    { name: 'reason', kind: 'select', label: 'stopReason', options: 'stop', required: true },
    { name: 'note', kind: 'textarea', label: 'noteRequired', required: true },
  ]),
  ISSUE_APOLOGY: f([
    { name: 'reason', kind: 'textarea', label: 'reason', required: true },
    { name: 'newDue', kind: 'datetime', label: 'newDue', required: true },
  ]),
};

export const OPTIONS = {
  pause: ['verification', 'expert_assessment', 'violation_handling', 'dispute', 'force_majeure'],
  stop: ['supplement_overdue', 'payment_overdue', 'applicant_ceased', 'legal_ground'],
  method: ['desk', 'post', 'online'],
} as const;

export type Problem = 'required' | 'positive';

/** The payload of a simple form and its field problems (none when it can be sent). */
export function buildPayload(form: ActionForm, values: Record<string, string>): { payload: Record<string, unknown>; problems: Record<string, Problem> } {
  const payload: Record<string, unknown> = {};
  const problems: Record<string, Problem> = {};
  for (const field of form.fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') {
      if (field.required) problems[field.name] = 'required';
      continue;
    }
    switch (field.kind) {
      case 'lines': {
        const lines = raw
          .split(/\n+/)
          .map((l) => l.trim())
          .filter(Boolean);
        if (lines.length === 0 && field.required) problems[field.name] = 'required';
        else payload[field.name] = lines;
        break;
      }
      case 'amount': {
        const digits = raw.replace(/[.\s]/g, '');
        const n = Number(digits);
        if (!/^\d+$/.test(digits) || !Number.isSafeInteger(n) || n <= 0) problems[field.name] = 'positive';
        else payload[field.name] = n;
        break;
      }
      case 'datetime': {
        // <input type="datetime-local"> gives wall time; the officer means Viet Nam time.
        const d = new Date(`${raw}:00+07:00`);
        if (Number.isNaN(d.getTime())) problems[field.name] = 'required';
        else payload[field.name] = d.toISOString();
        break;
      }
      default:
        payload[field.name] = raw;
    }
  }
  return { payload, problems };
}

/** The field an API problem names (`body.items[0].reason` → `items`, `body.reasons` → `reasons`). */
export function rootField(path: string): string {
  return path.replace(/^body\./, '').split(/[.[]/)[0] ?? path;
}

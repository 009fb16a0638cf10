/**
 * Which printed forms a slip follows, and which slips a dossier has. Pure: no I/O.
 *
 * The form set is chosen from the dossier's RECEIPT date (the rules a dossier is handled under are
 * those in force when it was received, domain.md §0.1): Circular 01/2018/TT-VPCP before 1/7/2025,
 * Circular 03/2025/TT-VPCP from then on. Circular 03 was only signed on 15/9/2025 and its forms apply
 * from that day (domain-2025.md §2), so a slip issued before then cannot use them: it keeps the forms
 * that were in use on its issue day.
 */
import {
  FormType,
  formSetInForceAt,
  rulesInForceAt,
  type DossierEvent,
  type FormSet,
} from '../dossiers/domain/index.js';

/** The slips printed per dossier. The tracking book is per agency and period (see slip-content.ts). */
export const SlipKind = {
  RECEIPT: FormType.RECEIPT,
  SUPPLEMENT_REQUEST: FormType.SUPPLEMENT_REQUEST,
  REFUSAL: FormType.REFUSAL,
  APOLOGY_EXTENSION: FormType.APOLOGY_EXTENSION,
  STOP_NOTICE: FormType.STOP_NOTICE,
  CONTROL_SLIP: FormType.CONTROL_SLIP,
} as const;
export type SlipKind = (typeof SlipKind)[keyof typeof SlipKind];
export const SLIP_KINDS = Object.values(SlipKind) as [SlipKind, ...SlipKind[]];

/**
 * The slips handed to the applicant. The control slip is the agencies' internal record of hand-overs
 * and stays with the officers. The stop notice is addressed to the applicant (Circular 03 art. 7).
 */
export const APPLICANT_SLIP_KINDS: ReadonlySet<SlipKind> = new Set([
  SlipKind.RECEIPT,
  SlipKind.SUPPLEMENT_REQUEST,
  SlipKind.REFUSAL,
  SlipKind.APOLOGY_EXTENSION,
  SlipKind.STOP_NOTICE,
]);

/** A slip kind from a URL segment ('supplement-request' or 'supplement_request'); null when unknown. */
export function parseSlipKind(value: string): SlipKind | null {
  const v = value.trim().toLowerCase().replace(/-/g, '_');
  return (SLIP_KINDS as readonly string[]).includes(v) ? (v as SlipKind) : null;
}

/**
 * The form set a slip follows: the one of the rules in force at the dossier's receipt (or, before
 * receipt, at the slip's issue), unless that set's forms did not exist yet on the issue day.
 */
export function slipFormSet(receivedAt: Date | null, issuedAt: Date): FormSet {
  const regime = rulesInForceAt(receivedAt ?? issuedAt).forms;
  if (regime.from !== null && regime.from.getTime() > issuedAt.getTime()) return formSetInForceAt(issuedAt);
  return regime;
}

/** One issued slip of a dossier: the event that produced it (the control slip: the first hand-over to processing). */
export interface IssuedSlip {
  readonly kind: SlipKind;
  readonly seq: number;
  readonly issuedAt: Date;
}

/**
 * The slips a dossier has, in the order they were issued, read from the forms its history recorded
 * (the workflow table pairs actions with forms). Every supplement request is its own slip; the control
 * slip is one document, opened by the first hand-over to processing and kept up to date.
 */
export function issuedSlips(events: readonly DossierEvent[]): IssuedSlip[] {
  const out: IssuedSlip[] = [];
  let controlOpened = false;
  for (const e of events) {
    const type = e.form?.type;
    if (type === undefined) continue;
    if (type === FormType.CONTROL_SLIP) {
      if (!controlOpened) out.push({ kind: SlipKind.CONTROL_SLIP, seq: e.seq, issuedAt: e.at });
      controlOpened = true;
      continue;
    }
    const kind = parseSlipKind(type);
    if (kind !== null) out.push({ kind, seq: e.seq, issuedAt: e.at });
  }
  return out;
}

/** The slips this audience may print. */
export function slipsFor(slips: readonly IssuedSlip[], audience: 'applicant' | 'officer'): IssuedSlip[] {
  return audience === 'officer' ? [...slips] : slips.filter((s) => APPLICANT_SLIP_KINDS.has(s.kind));
}

/**
 * Drafts of online applications. The dossier API files a dossier in one step (POST /dossiers creates
 * and submits it; it has no server-side draft an applicant can save and resume), so a draft lives in
 * this browser's localStorage, keyed by the signed-in person and the procedure. It holds what was
 * typed, the step, and the Idempotency-Key of the submission attempt under way: a reload, a double
 * click or an expired session that ends in a retry sends the same key, so the dossier is filed once.
 */
import { newIdempotencyKey } from '../api.js';

export type Draft = {
  procedureCode: string;
  procedureName: string;
  receivingAgencyCode: string;
  values: Record<string, string | boolean>;
  step: 'form' | 'review';
  /** Set when the applicant reaches the review step; a change to the data makes a new one. */
  attemptKey: string | null;
  savedAt: string;
};

const PREFIX = 'motcua.draft.';
const keyOf = (personId: string, procedureCode: string) => `${PREFIX}${personId}.${procedureCode}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked storage: the draft lasts as long as the page
  }
}

export function loadDraft(personId: string, procedureCode: string): Draft | null {
  const raw = storage()?.getItem(keyOf(personId, procedureCode));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && d.procedureCode === procedureCode && d.values && typeof d.values === 'object' ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(personId: string, draft: Omit<Draft, 'savedAt'>): Draft {
  const full: Draft = { ...draft, savedAt: new Date().toISOString() };
  try {
    storage()?.setItem(keyOf(personId, draft.procedureCode), JSON.stringify(full));
  } catch {
    // storage full or blocked: the page keeps working, the draft is not kept
  }
  return full;
}

export function deleteDraft(personId: string, procedureCode: string): void {
  storage()?.removeItem(keyOf(personId, procedureCode));
}

/** The person's drafts, most recently saved first. */
export function listDrafts(personId: string): Draft[] {
  const s = storage();
  if (!s) return [];
  const out: Draft[] = [];
  const prefix = `${PREFIX}${personId}.`;
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k?.startsWith(prefix)) continue;
    const d = loadDraft(personId, k.slice(prefix.length));
    if (d) out.push(d);
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export { newIdempotencyKey as newAttemptKey };

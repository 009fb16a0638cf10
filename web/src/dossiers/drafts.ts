/**
 * Drafts of online applications. The draft itself lives on the server (POST /dossiers with
 * `draft: true`, PATCH /dossiers/:id/draft, DELETE /dossiers/:id/draft), so it can be resumed on
 * another device from "Hồ sơ của tôi". This browser keeps only a buffer of what was typed, keyed by
 * the signed-in person and the procedure: it holds the changes not yet on the server (offline, an
 * expired session, a save refused because the draft changed elsewhere), the server draft's id and
 * version, and the Idempotency-Keys of the creation and of the submission under way, so a reload or
 * a retry creates one draft and files it once. Nothing typed is lost when the server cannot be reached.
 */
import { newIdempotencyKey, request } from '../api.js';
import type { Dossier } from './types.js';

export type Draft = {
  procedureCode: string;
  procedureName: string;
  receivingAgencyCode: string;
  values: Record<string, string | boolean>;
  step: 'form' | 'review';
  /** Set when the applicant reaches the review step; a change to the data makes a new one. */
  attemptKey: string | null;
  /** The server draft (null until first saved there) and the version last saved or read. */
  serverId: string | null;
  serverVersion: number | null;
  /** Idempotency-Key of the request that creates the server draft: a retry creates it once. */
  createKey: string | null;
  /** Whether the buffer holds changes the server does not have yet. */
  unsent: boolean;
  savedAt: string;
};

const PREFIX = 'motcua.draft.';
const keyOf = (personId: string, procedureCode: string) => `${PREFIX}${personId}.${procedureCode}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked storage: the buffer lasts as long as the page
  }
}

export function loadDraft(personId: string, procedureCode: string): Draft | null {
  const raw = storage()?.getItem(keyOf(personId, procedureCode));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<Draft>;
    if (!d || typeof d !== 'object' || d.procedureCode !== procedureCode || !d.values || typeof d.values !== 'object') return null;
    // Buffers written before drafts moved to the server have no server fields: all of it is unsent.
    return { serverId: null, serverVersion: null, createKey: null, unsent: true, ...d } as Draft;
  } catch {
    return null;
  }
}

export function saveDraft(personId: string, draft: Omit<Draft, 'savedAt'>): Draft {
  const full: Draft = { ...draft, savedAt: new Date().toISOString() };
  try {
    storage()?.setItem(keyOf(personId, draft.procedureCode), JSON.stringify(full));
  } catch {
    // storage full or blocked: the page keeps working, the buffer is not kept
  }
  return full;
}

export function deleteDraft(personId: string, procedureCode: string): void {
  storage()?.removeItem(keyOf(personId, procedureCode));
}

/** The person's buffers holding changes not yet on the server, most recent first. */
export function listUnsentDrafts(personId: string): Draft[] {
  const s = storage();
  if (!s) return [];
  const out: Draft[] = [];
  const prefix = `${PREFIX}${personId}.`;
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k?.startsWith(prefix)) continue;
    const d = loadDraft(personId, k.slice(prefix.length));
    if (d?.unsent) out.push(d);
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * Sends the buffer to the server: creates the draft the first time (with the buffer's creation key),
 * then replaces its form at the version last seen (409 VERSION_CONFLICT when it changed elsewhere).
 */
export async function pushDraft(d: Draft, formData: Record<string, unknown>): Promise<Dossier> {
  if (d.serverId === null || d.serverVersion === null) {
    return request<Dossier>('POST', '/api/v1/dossiers', {
      body: { procedureCode: d.procedureCode, receivingAgencyCode: d.receivingAgencyCode, formData, draft: true },
      idempotencyKey: d.createKey ?? newIdempotencyKey(),
    });
  }
  return request<Dossier>('PATCH', `/api/v1/dossiers/${encodeURIComponent(d.serverId)}/draft`, { body: { formData }, ifMatch: d.serverVersion });
}

/** Submits the server draft (its form is then checked in full: 400 names the missing fields). */
export function submitDraft(serverId: string, version: number, attemptKey: string): Promise<Dossier> {
  return request<Dossier>('POST', `/api/v1/dossiers/${encodeURIComponent(serverId)}/actions/SUBMIT_ONLINE`, { body: {}, ifMatch: version, idempotencyKey: attemptKey });
}

export function discardServerDraft(serverId: string, version: number): Promise<void> {
  return request<void>('DELETE', `/api/v1/dossiers/${encodeURIComponent(serverId)}/draft`, { ifMatch: version });
}

export { newIdempotencyKey as newAttemptKey };

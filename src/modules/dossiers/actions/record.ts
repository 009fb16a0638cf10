/**
 * Writing a decision: the events, the snapshot row, the audit entry and the notification jobs go in
 * the caller's transaction, so they commit or roll back together.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { appendAudit, type AuditContext } from '../../../platform/audit/audit.js';
import type { DossierEvent } from '../domain/index.js';
import { appendEvents, type DossierKey } from '../dossiers.repository.js';
import { enqueueApplicantNotices } from '../../notifications/enqueue.js';

/** `after` is the dossier's state once the events apply (its code goes into the notices). */
export async function recordEvents(trx: Transaction<DB>, ctx: AuditContext, key: DossierKey, events: readonly DossierEvent[], after: { dossierCode: string | null }, extra: Record<string, unknown> = {}) {
  await appendEvents(trx, key, events);
  // After-commit jobs: written in this transaction, so the applicant hears only of what committed.
  await enqueueApplicantNotices(trx, key, events, after.dossierCode);
  await appendAudit(
    trx,
    { ...ctx, agencyCode: events.find((e) => e.agencyCode)?.agencyCode ?? key.agencyCode },
    events.map((e) => ({
      action: `dossier.${e.action.toLowerCase()}`,
      entityType: 'dossier',
      entityId: key.id,
      data: { seq: e.seq, from: e.status.from, to: e.status.to, ...extra },
    })),
  );
}

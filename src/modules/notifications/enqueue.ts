/**
 * Called by the dossier use cases inside their transaction, after the events are appended: one job
 * per channel for each event the applicant is told about. The dedupe key (dossier, event, channel)
 * keeps it to one message per event whatever happens to the request.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DossierEvent } from '../dossiers/domain/index.js';
import { enqueueInTransaction, type NewJob } from '../jobs/queue.js';
import { applicantNoticeFor } from './dossier-events.js';
import { JobKind } from './handlers.js';

export async function enqueueApplicantNotices(
  trx: Transaction<DB>,
  key: { agencyCode: string; id: string },
  events: readonly DossierEvent[],
  /** The dossier's code once the events apply (null before it is received). */
  dossierCode: string | null,
): Promise<void> {
  const jobs: NewJob[] = [];
  for (const e of events) {
    const notice = applicantNoticeFor(e, e.action === 'RECEIVE' ? e.payload.dossierCode : dossierCode);
    if (!notice) continue;
    for (const channel of ['email', 'sms'] as const) {
      jobs.push({
        agencyCode: key.agencyCode,
        kind: JobKind.NOTIFY_APPLICANT,
        dedupeKey: `dossier:${key.id}:${e.seq}:${channel}`,
        runAt: e.at,
        payload: { dossierId: key.id, seq: e.seq, channel, template: notice.template, data: notice.data },
      });
    }
  }
  await enqueueInTransaction(trx, jobs);
}

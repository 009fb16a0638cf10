/**
 * All SQL of the attachments. Statements on one dossier name `agency_code` (the distribution key, see
 * docs/scaling.md); the one exception is the reuse lookup by attachment id, a single indexed row.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, DossierAttachmentsTable } from '../../db/schema.js';
import { visibleTo, type DossierKey, type Visibility } from '../dossiers/dossiers.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'a.agency_code',
  'a.id',
  'a.dossier_id',
  'a.component',
  'a.digitised',
  'a.file_name',
  'a.media_type',
  'a.size',
  'a.sha256',
  'a.note',
  'a.uploaded_by',
  'a.created_at',
  'a.superseded_by',
  'a.superseded_at',
  'p.full_name as uploaded_by_name',
] as const;

export async function listAttachments(db: Q, key: DossierKey) {
  return db
    .selectFrom('dossier_attachments as a')
    .innerJoin('people as p', 'p.id', 'a.uploaded_by')
    .select(COLUMNS)
    .where('a.agency_code', '=', key.agencyCode)
    .where('a.dossier_id', '=', key.id)
    .orderBy('a.component')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}
export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export async function findAttachment(db: Q, key: DossierKey, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('dossier_attachments as a')
    .innerJoin('people as p', 'p.id', 'a.uploaded_by')
    .select(COLUMNS)
    .where('a.agency_code', '=', key.agencyCode)
    .where('a.dossier_id', '=', key.id)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * A file the caller may reuse, from a dossier they can still see: one they uploaded themselves, or the
 * result returned to them (component `result` of their own dossier, once RETURNED). Anything else
 * (someone else's file, a paper-only row, a result not yet returned, a dossier out of sight) is not found.
 */
export async function findOwnUploadedFile(db: Q, id: string, uploaderId: string, v: Visibility) {
  return db
    .selectFrom('dossier_attachments as a')
    .innerJoin('dossiers as d', (j) => j.onRef('d.agency_code', '=', 'a.agency_code').onRef('d.id', '=', 'a.dossier_id'))
    .select(['a.id', 'a.file_name', 'a.media_type', 'a.size', 'a.sha256', 'a.agency_code', 'a.dossier_id'])
    .where('a.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('a.uploaded_by', '=', uploaderId),
        eb.and([eb('a.component', '=', 'result'), eb('d.applicant_id', '=', uploaderId), eb('d.status', '=', 'RETURNED'), eb('a.superseded_by', 'is', null)]),
      ]),
    )
    .where('a.digitised', '=', true)
    .where((eb) => visibleTo(eb, v))
    .executeTakeFirst();
}

export type NewAttachment = Pick<
  DossierAttachmentsTable,
  'agency_code' | 'id' | 'dossier_id' | 'component' | 'digitised' | 'file_name' | 'media_type' | 'size' | 'sha256' | 'note' | 'uploaded_by'
>;

export async function insertAttachment(trx: Transaction<DB>, row: NewAttachment, at: Date): Promise<void> {
  await trx.insertInto('dossier_attachments').values({ ...row, created_at: at }).execute();
}

/**
 * Marks the current row `replaced` of the same dossier and component as superseded by `by`. Returns
 * false when there is no such current row (unknown, other component, or already replaced): the
 * `superseded_by IS NULL` condition makes two concurrent replacements of one row fail one of them.
 */
export async function markSuperseded(trx: Transaction<DB>, key: DossierKey, replaced: string, component: string, by: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('dossier_attachments')
    .set({ superseded_by: by, superseded_at: at })
    .where('agency_code', '=', key.agencyCode)
    .where('dossier_id', '=', key.id)
    .where('id', '=', replaced)
    .where('component', '=', component)
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

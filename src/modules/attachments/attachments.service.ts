/**
 * Use cases of dossier attachments: add a file (applicant, desk, handling officer; results by the
 * handling officer), record a paper received only on paper, reuse one's own file from another dossier,
 * list the papers per component, read one. Visibility is the dossier engine's (visibilityOf): what the
 * caller cannot see is 404. Every change and every read is in the audit trail.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { AppError, conflict, notFound, type LocalizedText } from '../../platform/errors.js';
import { findVersion } from '../catalog/catalog.repository.js';
import type { Status } from '../dossiers/domain/index.js';
import { findDossier, findDossierKey, lockDossier, type DossierKey, type DossierRow } from '../dossiers/dossiers.repository.js';
import { isApplicantKind, notFoundDossier, visibilityOf } from '../dossiers/dossiers.service.js';
import { agencySubtree } from '../org/org.repository.js';
import {
  findAttachment,
  findOwnUploadedFile,
  insertAttachment,
  listAttachments,
  markSuperseded,
  type AttachmentRow,
} from './attachments.repository.js';
import { BlobTooLargeError, type BlobStore } from './blob-store.js';
import { checkContent, cleanFileName, type CheckedContent } from './file-checks.js';
import { assertMayAttach, componentsOf, getComponent, mayRead, type Capacity, type ComponentInfo, type How } from './rules.js';

type Q = Kysely<DB> | Transaction<DB>;

const ATTACHMENT: LocalizedText = { vi: 'tệp đính kèm', en: 'Attachment' };

/** The agencies (with those below them) where the caller may act on dossiers, by capacity. */
export type OfficerScope = { reception: readonly string[]; handling: readonly string[] };

export type DossierContext = {
  key: DossierKey;
  row: DossierRow;
  scope: OfficerScope;
  components: ComponentInfo[];
};

export function capacityOf(actor: PersonActor, scope: OfficerScope, row: Pick<DossierRow, 'applicant_id' | 'filer_id' | 'agency_code' | 'holder_agency_code' | 'competent_agency_code'>): Capacity {
  if (isApplicantKind(actor)) {
    return { applicant: row.applicant_id === actor.id || row.filer_id === actor.id, reception: false, handling: false };
  }
  return {
    applicant: false,
    reception: scope.reception.includes(row.agency_code),
    handling: scope.handling.includes(row.holder_agency_code) || scope.handling.includes(row.competent_agency_code),
  };
}

/** The dossier as the caller may see it, with the components of its procedure version; 404 otherwise. */
export async function dossierContext(db: Kysely<DB>, actor: PersonActor, ref: string): Promise<DossierContext> {
  const key = await findDossierKey(db, ref);
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  const version = await findVersion(db, row.procedure_code, row.procedure_version);
  const scope: OfficerScope = isApplicantKind(actor)
    ? { reception: [], handling: [] }
    : {
        reception: await agencySubtree(db, agenciesWithRole(actor, [Role.RECEPTION])),
        handling: await agencySubtree(db, agenciesWithRole(actor, [Role.SPECIALIST, Role.APPROVER])),
      };
  return { key, row, scope, components: componentsOf(version?.data.components ?? []) };
}

/**
 * Checks, before any byte is read, that the caller may add this paper to the dossier now (403, 409),
 * that the component exists (400). The same rule runs again on the locked row when the upload is recorded.
 */
export function assertMayAdd(actor: PersonActor, c: DossierContext, component: string, how: How): void {
  getComponent(c.components, component);
  assertMayAttach(c.row.status as Status, capacityOf(actor, c.scope, c.row), component, how);
}

export const tooLarge = (maxBytes: number) =>
  new AppError(
    'too_large',
    'ATTACHMENT_TOO_LARGE',
    {
      vi: `Tệp vượt quá dung lượng cho phép (${formatSize(maxBytes)})`,
      en: `The file is larger than allowed (${formatSize(maxBytes)})`,
    },
    { maxBytes },
  );

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export type StoredFile = CheckedContent & { sha256: string; size: number };

/**
 * Streams an upload into the blob store: the size is checked as bytes arrive, the type from the
 * first bytes; a refused file leaves nothing behind.
 */
export async function storeUpload(store: BlobStore, content: AsyncIterable<Uint8Array>, rawName: string, maxBytes: number): Promise<StoredFile> {
  const name = cleanFileName(rawName);
  try {
    const stored = await store.put(content, { maxBytes, inspect: (head) => checkContent(head, name) });
    return { ...stored.inspected, sha256: stored.sha256, size: stored.size };
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw tooLarge(maxBytes);
    throw err;
  }
}

type NewPaper =
  | { how: 'file'; component: string; replaces?: string | undefined; file: StoredFile }
  | { how: 'reuse'; component: string; replaces?: string | undefined; file: StoredFile; reusedFrom: string }
  | { how: 'paper'; component: string; replaces?: string | undefined; note: string };

/**
 * Records a paper in the caller's transaction: locks the dossier row (so the status cannot change
 * under the check), re-checks the rule, inserts the row, supersedes the replaced one, audits.
 */
export async function recordAttachment(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, c: DossierContext, input: NewPaper) {
  const row = await lockDossier(trx, c.key);
  if (!row) throw notFoundDossier();
  assertMayAttach(row.status as Status, capacityOf(actor, c.scope, row), input.component, input.how);
  const id = randomUUID();
  const at = new Date();
  const file = input.how === 'paper' ? null : input.file;
  await insertAttachment(
    trx,
    {
      agency_code: c.key.agencyCode,
      id,
      dossier_id: c.key.id,
      component: input.component,
      digitised: file !== null,
      file_name: file?.fileName ?? null,
      media_type: file?.mediaType ?? null,
      size: file?.size ?? null,
      sha256: file?.sha256 ?? null,
      note: input.how === 'paper' ? input.note : null,
      uploaded_by: actor.id,
    },
    at,
  );
  if (input.replaces !== undefined && !(await markSuperseded(trx, c.key, input.replaces, input.component, id, at))) {
    throw conflict(
      'ATTACHMENT_NOT_REPLACEABLE',
      {
        vi: 'Tệp cần thay thế không phải bản hiện hành của thành phần hồ sơ này',
        en: 'The attachment to replace is not the current one of this dossier component',
      },
      { field: 'replaces', replaces: input.replaces },
    );
  }
  await appendAudit(trx, ctx, [
    {
      action: input.how === 'paper' ? 'dossier.attachment.paper' : input.how === 'reuse' ? 'dossier.attachment.reuse' : 'dossier.attachment.add',
      entityType: 'dossier_attachment',
      entityId: id,
      data: {
        dossierId: c.key.id,
        component: input.component,
        digitised: file !== null,
        ...(file ? { sha256: file.sha256, size: file.size, mediaType: file.mediaType } : {}),
        ...(input.replaces ? { replaces: input.replaces } : {}),
        ...(input.how === 'reuse' ? { reusedFrom: input.reusedFrom } : {}),
      },
    },
  ]);
  const saved = (await findAttachment(trx, c.key, id))!;
  return attachmentView(saved, row.code ?? row.id);
}

/** The caller's own file from another dossier they can see, as a file to attach again (same blob). */
export async function findReusableFile(db: Q, actor: PersonActor, attachmentId: string): Promise<StoredFile & { id: string }> {
  const f = /^[0-9a-f-]{36}$/i.test(attachmentId) ? await findOwnUploadedFile(db, attachmentId, actor.id, await visibilityOf(db, actor)) : undefined;
  if (!f || !f.sha256 || !f.file_name || !f.media_type || f.size === null) throw notFound(ATTACHMENT, { field: 'attachmentId' });
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(f.file_name)?.[1]?.toLowerCase() ?? '';
  return { id: f.id, sha256: f.sha256, size: Number(f.size), fileName: f.file_name, mediaType: f.media_type as StoredFile['mediaType'], extension: ext };
}

/** The papers of a dossier per component (received / digitised) and every row, superseded ones included. Audited. */
export async function listDossierAttachments(db: Kysely<DB>, actor: PersonActor, ctx: AuditContext, c: DossierContext) {
  const capacity = capacityOf(actor, c.scope, c.row);
  const status = c.row.status as Status;
  const ref = c.row.code ?? c.row.id;
  const rows = (await listAttachments(db, c.key)).filter((r) => mayRead(status, capacity, r.component));
  await db.transaction().execute((trx) =>
    appendAudit(trx, ctx, [{ action: 'dossier.attachments.list', entityType: 'dossier', entityId: c.key.id, data: { count: rows.length } }]),
  );
  const items = rows.map((r) => attachmentView(r, ref));
  const components = c.components
    .filter((k) => mayRead(status, capacity, k.code))
    .map((k) => {
      const current = items.filter((i) => i.component === k.code && i.supersededBy === null);
      return {
        component: k.code,
        name: k.name,
        required: k.required,
        received: current.length > 0,
        digitised: current.some((i) => i.digitised),
        current: current.length,
      };
    });
  return { dossierId: c.key.id, code: c.row.code, components, items };
}

/** Opens one file's content for download and records the read in the audit trail. */
export async function readAttachment(db: Kysely<DB>, store: BlobStore, actor: PersonActor, ctx: AuditContext, c: DossierContext, id: string): Promise<{ row: AttachmentRow; content: Readable }> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findAttachment(db, c.key, id) : undefined;
  if (!row || !mayRead(c.row.status as Status, capacityOf(actor, c.scope, c.row), row.component)) throw notFound(ATTACHMENT);
  if (!row.sha256) {
    throw conflict('ATTACHMENT_NOT_DIGITISED', { vi: 'Giấy tờ này chỉ có bản giấy, chưa được số hóa', en: 'This paper was received on paper only and has no file' }, { id });
  }
  // A missing blob is an operations fault (lost storage), not the caller's: it surfaces as a 5xx.
  const content = await store.get(row.sha256);
  try {
    await db.transaction().execute((trx) =>
      appendAudit(trx, ctx, [
        { action: 'dossier.attachment.read', entityType: 'dossier_attachment', entityId: row.id, data: { dossierId: c.key.id, component: row.component, sha256: row.sha256 } },
      ]),
    );
  } catch (err) {
    content.destroy();
    throw err;
  }
  return { row, content };
}

export function attachmentView(r: AttachmentRow, dossierRef: string) {
  return {
    id: r.id,
    component: r.component,
    digitised: r.digitised,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    note: r.note,
    uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name },
    createdAt: new Date(r.created_at).toISOString(),
    supersededBy: r.superseded_by,
    supersededAt: r.superseded_at ? new Date(r.superseded_at).toISOString() : null,
    contentUrl: r.sha256 ? `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/attachments/${r.id}/content` : null,
  };
}
export type AttachmentView = ReturnType<typeof attachmentView>;

import multipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Access } from '../../platform/auth/access.js';
import { AppError, invalid } from '../../platform/errors.js';
import { auditContext, errorResponses, requireIdempotencyKey, requirePerson, withIdempotency } from '../../platform/http.js';
import { DossierRef } from '../dossiers/dossiers.schemas.js';
import {
  assertMayAdd,
  dossierContext,
  findReusableFile,
  listDossierAttachments,
  readAttachment,
  recordAttachment,
  storeUpload,
  tooLarge,
} from './attachments.service.js';
import { Attachment, AttachmentList, PaperBody, ReuseBody, UploadFields } from './attachments.schemas.js';
import type { BlobStore } from './blob-store.js';
import { contentDisposition } from './file-checks.js';

/** Applicants (citizens, businesses) and officers; what each may do is decided per dossier. */
const APPLICANTS_OR_OFFICERS: Access = { signedIn: true, personKinds: ['citizen', 'business', 'officer'] };
const OFFICERS: Access = { signedIn: true, personKinds: ['officer'] };
const APPLICANTS: Access = { signedIn: true, personKinds: ['citizen', 'business'] };

/** Room for the multipart envelope (boundaries, part headers, the small text fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const errors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] };
const Params = z.object({ code: DossierRef });

export type AttachmentRoutesOptions = { db: Kysely<DB>; store: BlobStore; maxBytes: number };

export const attachmentRoutes: FastifyPluginAsyncZod<AttachmentRoutesOptions> = async (app, { db, store, maxBytes }) => {
  // Registered inside this plugin, so multipart/form-data is parsed for these routes only; every other
  // route keeps refusing it (415) exactly as before. Busboy stops keeping file bytes past maxBytes + 1;
  // the byte count in the blob store is what refuses the file.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 200, parts: 5, headerPairs: 50 },
  });

  app.post(
    '/dossiers/:code/attachments',
    {
      config: { access: APPLICANTS_OR_OFFICERS },
      schema: {
        tags: ['attachments'],
        summary: 'Add a file to a dossier component, or a result document (component `result`)',
        description:
          'multipart/form-data with the text field `component` (and optionally `replaces`, the id of the current file it replaces) ' +
          'BEFORE the part `file`. The type is read from the content (PDF, JPEG, PNG, TIFF, DOCX, XLSX); the name must not claim ' +
          'another type. Idempotency-Key required. Applicants add papers before reception and while a supplement is awaited; ' +
          'the receiving desk and the handling agency at any time until the dossier closes; results by the handling agency.',
        consumes: ['multipart/form-data'],
        params: Params,
        response: { 201: Attachment, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      requireIdempotencyKey(req);
      const declared = Number(req.headers['content-length']);
      // Refused before a byte is read when the client announces more than can be accepted.
      if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw tooLarge(maxBytes);
      const c = await dossierContext(db, actor, req.params.code);
      const { fields: sent, part } = await firstFile(req);
      try {
        const fields = UploadFields.safeParse(sent);
        if (!fields.success) {
          throw invalid(
            'VALIDATION_FAILED',
            { vi: 'Thiếu hoặc sai thành phần hồ sơ (trường component phải đứng trước tệp)', en: 'Missing or invalid fields (component must come before the file)' },
            { issues: fields.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message })) },
          );
        }
        const { component, replaces } = fields.data;
        assertMayAdd(actor, c, component, 'file');
        // Iterated without destroying the part on an early exit, so the rest of the request still drains.
        const file = await storeUpload(store, part.file.iterator({ destroyOnReturn: false }), part.filename, maxBytes);
        // The idempotency fingerprint covers what was uploaded, not only the URL.
        req.body = { component, replaces: replaces ?? null, fileName: file.fileName, sha256: file.sha256, size: file.size };
        return await withIdempotency(db, req, reply, async (trx) => ({
          status: 201,
          body: await recordAttachment(trx, actor, auditContext(req, c.key.agencyCode), c, { how: 'file', component, replaces, file }),
        }));
      } finally {
        // Whatever happened, let the remaining bytes flow (and be discarded) so the client gets its answer.
        part.file.resume();
      }
    },
  );

  app.post(
    '/dossiers/:code/attachments/reuse',
    {
      config: { access: APPLICANTS },
      schema: {
        tags: ['attachments'],
        summary: 'Attach again a file you uploaded to another of your dossiers (same content, new record; Idempotency-Key required)',
        params: Params,
        body: ReuseBody,
        response: { 201: Attachment, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const c = await dossierContext(db, actor, req.params.code);
      assertMayAdd(actor, c, req.body.component, 'reuse');
      const source = await findReusableFile(db, actor, req.body.attachmentId);
      return withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await recordAttachment(trx, actor, auditContext(req, c.key.agencyCode), c, {
          how: 'reuse',
          component: req.body.component,
          replaces: req.body.replaces,
          file: source,
          reusedFrom: source.id,
        }),
      }));
    },
  );

  app.post(
    '/dossiers/:code/attachments/paper',
    {
      config: { access: OFFICERS },
      schema: {
        tags: ['attachments'],
        summary: 'Record a paper received only on paper (not digitised) for a dossier component (Idempotency-Key required)',
        params: Params,
        body: PaperBody,
        response: { 201: Attachment, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const c = await dossierContext(db, actor, req.params.code);
      assertMayAdd(actor, c, req.body.component, 'paper');
      return withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await recordAttachment(trx, actor, auditContext(req, c.key.agencyCode), c, {
          how: 'paper',
          component: req.body.component,
          replaces: req.body.replaces,
          note: req.body.note,
        }),
      }));
    },
  );

  app.get(
    '/dossiers/:code/attachments',
    {
      config: { access: APPLICANTS_OR_OFFICERS },
      schema: {
        tags: ['attachments'],
        summary: 'The papers of a dossier per component (received, digitised) and every file, replaced ones included (audited)',
        params: Params,
        response: { 200: AttachmentList, ...errors },
      },
    },
    async (req) => {
      const actor = requirePerson(req);
      const c = await dossierContext(db, actor, req.params.code);
      return listDossierAttachments(db, actor, auditContext(req, c.key.agencyCode), c);
    },
  );

  app.get(
    '/dossiers/:code/attachments/:id/content',
    {
      config: { access: APPLICANTS_OR_OFFICERS },
      schema: {
        tags: ['attachments'],
        summary: 'Download a file (audited). Served as an attachment with its detected type, never rendered inline',
        params: z.object({ code: DossierRef, id: z.string().max(64) }),
        // A stream: Fastify sends it as is (serializers never see streams).
        response: { 200: z.any().meta({ description: 'The file content, with its detected media type' }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const c = await dossierContext(db, actor, req.params.code);
      const { row, content } = await readAttachment(db, store, actor, auditContext(req, c.key.agencyCode), c, req.params.id);
      return reply
        .header('content-type', row.media_type!)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.file_name!))
        .header('x-content-type-options', 'nosniff')
        // Even if a browser were made to render it, the document runs nothing and loads nothing.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${row.sha256}"`)
        .send(content);
    },
  );
};

/**
 * Reads the multipart request in order up to its first file part: the text fields sent before it, and
 * the file, not yet read. Reading in order (rather than looking at the fields object, which fills up
 * as the parser runs ahead) makes "fields before the file" a rule rather than a race.
 */
async function firstFile(req: FastifyRequest): Promise<{ fields: Record<string, string>; part: MultipartFile }> {
  const fields: Record<string, string> = {};
  try {
    const parts = req.parts();
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        fields[part.fieldname] = String((part as MultipartValue).value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        break;
      }
      return { fields, part };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('unsupported', 'UNSUPPORTED_MEDIA_TYPE', { vi: 'Tệp phải được gửi dạng multipart/form-data', en: 'Send the file as multipart/form-data' });
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
      throw invalid('ATTACHMENT_FORM_INVALID', { vi: 'Mỗi lần chỉ gửi một tệp kèm thành phần hồ sơ', en: 'Send one file and its component per request' });
    }
    throw err;
  }
  throw invalid('ATTACHMENT_FILE_REQUIRED', { vi: 'Chưa chọn tệp đính kèm (trường file)', en: 'No file was sent (part "file")' }, { field: 'body.file' });
}

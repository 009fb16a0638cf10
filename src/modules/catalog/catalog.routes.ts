import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf, PUBLIC } from '../../platform/auth/access.js';
import { Role } from '../../platform/auth/actor.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import {
  auditContext,
  decodeCursor,
  errorResponses,
  etag,
  page,
  PageQuery,
  requireIfMatch,
  requirePerson,
  withIdempotency,
} from '../../platform/http.js';
import { AgencyCode } from '../org/org.schemas.js';
import {
  AbolishBody,
  APPLICANT_TYPES,
  CatalogProcedure,
  ImportReport,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  PROCEDURE_STATUSES,
  ProcedureCreate,
  ProcedureDetail,
  ProcedureSummary,
  ProcedureUpdate,
  ProcedureVersions,
  ProcedureVersionView,
  PublishBody,
  StoredProcedureCode,
} from './catalog.schemas.js';
import { searchProcedures, type SearchRow } from './catalog.repository.js';
import {
  abolishProcedure,
  amendProcedure,
  catalogView,
  controlScope,
  createProcedure,
  mayManage,
  PROCEDURE,
  publicDetail,
  publishProcedure,
  updateDraft,
  versionsView,
} from './catalog.service.js';
import { CatalogFileError, readCatalogFile, readCatalogJson, type CatalogFile } from './catalog-files.js';
import { importCatalog, savepointPerRecord } from './catalog-import.js';
import { exportCatalogFile } from './catalog-export.js';

const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const CodeParams = z.object({ code: StoredProcedureCode });
const Cursor = z.object({ s: z.number().optional(), c: z.string(), k: z.string().max(300).optional(), m: z.enum(['exact', 'partial']).optional() });
const CONTROL = anyOf(Role.PROCEDURE_CONTROL);

const SearchQuery = {
  q: z.string().trim().min(1).max(200).optional(),
  field: z.string().trim().min(1).max(500).optional(),
  level: z.enum(PROCEDURE_LEVELS).optional(),
  agency: AgencyCode.optional(),
  applicantType: z.enum(APPLICANT_TYPES).optional(),
  onlineLevel: z.enum(ONLINE_LEVELS).optional(),
  ...PageQuery,
};

function toSummary(r: SearchRow): z.output<typeof ProcedureSummary> {
  const summary = (r.summary ?? {}) as { channels?: z.output<typeof ProcedureSummary>['channels'] };
  return {
    code: r.code,
    name: r.name,
    field: r.field,
    levels: r.levels,
    applicantTypes: r.applicant_types,
    onlineLevel: r.online_level,
    agency: r.agency_text,
    agencyCodes: r.agency_codes,
    decisionNumber: r.decision_number,
    effectiveFrom: r.effective_from,
    status: r.status,
    versionNumber: r.current_version,
    channels: summary.channels ?? [],
    match: r.mode === null ? null : r.mode === 'partial' ? 'most_words' : r.corrected ? 'corrected' : 'all_words',
  };
}

const cursorOf = (r: SearchRow) => (r.score === null ? { c: r.code } : { s: r.score, c: r.code, k: r.key ?? undefined, m: r.mode ?? undefined });

/** Import and export work on the whole catalog: the top-level procedure-control officer's job (e.g. at H55). */
async function requireCatalogWide(db: Kysely<DB>, actor: Parameters<typeof controlScope>[1]) {
  const scope = await controlScope(db, actor);
  if (!scope.root) throw forbidden({ reason: 'catalog-wide operations need procedure control at a top-level agency' });
  return scope;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/** Uploaded CSV and Excel files arrive tagged, so the idempotency hash and the reader see plain values. */
type UploadedFile = { $file: 'csv'; text: string } | { $file: 'xlsx'; base64: string };
const isUpload = (b: unknown): b is UploadedFile => typeof b === 'object' && b !== null && '$file' in b;

export const catalogRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  // Encapsulated in this plugin: only the catalog import accepts CSV and Excel bodies.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, { $file: 'csv', text: body }));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, { $file: 'xlsx', base64: (body as Buffer).toString('base64') }),
  );

  // ---- Citizens: search and read the published catalog.
  app.get(
    '/procedures',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['catalog'],
        summary: 'Search published procedures (diacritic-insensitive, typo-tolerant), best match first',
        querystring: z.object(SearchQuery).strict(),
        response: { 200: Page(ProcedureSummary), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await searchProcedures(db, { ...q, statuses: 'public', after: decodeCursor(q.cursor, Cursor) });
      const { items, nextCursor } = page(rows, q.limit, cursorOf);
      return { items: items.map(toSummary), nextCursor };
    },
  );

  app.get(
    '/procedures/:code',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['catalog'],
        summary: 'A procedure as in force today (its current published version), in full',
        params: CodeParams,
        response: { 200: ProcedureDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const detail = await publicDetail(db, req.params.code);
      reply.header('etag', etag(detail.version));
      return detail;
    },
  );

  app.get(
    '/procedures/:code/versions',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['catalog'],
        summary: 'Every version of a procedure, oldest first, with the fields each one changed (drafts only for its procedure-control officers)',
        params: CodeParams,
        response: { 200: ProcedureVersions, ...errorResponses },
      },
    },
    async (req) => versionsView(db, req.params.code, req.actor),
  );

  app.get(
    '/procedures/:code/versions/:number',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['catalog'],
        summary: 'One version of a procedure (the one a dossier was filed under)',
        params: CodeParams.extend({ number: z.coerce.number().int().min(1).max(100_000) }),
        response: { 200: ProcedureVersionView, ...errorResponses },
      },
    },
    async (req) => {
      const all = await versionsView(db, req.params.code, req.actor);
      const v = all.versions.find((x) => x.number === req.params.number);
      if (!v) throw notFound({ vi: 'phiên bản thủ tục', en: 'Procedure version' });
      return v;
    },
  );

  // ---- Procedure-control officers: create, edit, publish, amend, abolish.
  app.post(
    '/procedures',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Create a procedure as a draft (Idempotency-Key required)',
        body: ProcedureCreate,
        response: { 201: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const scope = await controlScope(db, actor);
      const created = await withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await createProcedure(trx, scope, auditContext(req), req.body),
      }));
      reply.header('etag', etag(created.version));
      return created;
    },
  );

  app.patch(
    '/procedures/:code',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Edit the working draft (If-Match: "<version>" required); each given field replaces the stored one',
        params: CodeParams,
        body: ProcedureUpdate,
        response: { 200: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const version = requireIfMatch(req);
      const scope = await controlScope(db, actor);
      const updated = await db.transaction().execute((trx) => updateDraft(trx, scope, auditContext(req), req.params.code, version, req.body));
      reply.header('etag', etag(updated.version));
      return updated;
    },
  );

  app.post(
    '/procedures/:code/publish',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Publish the working draft from an effective date (If-Match required); the version in force is superseded from that day',
        params: CodeParams,
        body: PublishBody,
        response: { 200: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const version = requireIfMatch(req);
      const scope = await controlScope(db, actor);
      const done = await db.transaction().execute((trx) => publishProcedure(trx, scope, auditContext(req), req.params.code, version, req.body));
      reply.header('etag', etag(done.version));
      return done;
    },
  );

  app.post(
    '/procedures/:code/amendments',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Amend a published procedure: open a new draft version from the published one, with the given changes (Idempotency-Key required)',
        params: CodeParams,
        body: ProcedureUpdate,
        response: { 201: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const scope = await controlScope(db, actor);
      const created = await withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await amendProcedure(trx, scope, auditContext(req), req.params.code, req.body),
      }));
      reply.header('etag', etag(created.version));
      return created;
    },
  );

  app.post(
    '/procedures/:code/abolish',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Abolish a published procedure from a date (If-Match required); filed dossiers keep their version',
        params: CodeParams,
        body: AbolishBody,
        response: { 200: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const version = requireIfMatch(req);
      const scope = await controlScope(db, actor);
      const done = await db.transaction().execute((trx) => abolishProcedure(trx, scope, auditContext(req), req.params.code, version, req.body));
      reply.header('etag', etag(done.version));
      return done;
    },
  );

  // ---- Officers' catalog: drafts included, import and export.
  app.get(
    '/catalog/procedures',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: "Procedures of the caller's agencies, drafts included",
        querystring: z.object({ ...SearchQuery, status: z.enum(PROCEDURE_STATUSES).optional() }).strict(),
        response: { 200: Page(ProcedureSummary), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requirePerson(req);
      const scope = await controlScope(db, actor);
      const q = req.query;
      const rows = await searchProcedures(db, {
        ...q,
        statuses: q.status ? [q.status] : [],
        agencyScope: scope.root ? undefined : [...scope.agencies],
        after: decodeCursor(q.cursor, Cursor),
      });
      const { items, nextCursor } = page(rows, q.limit, cursorOf);
      return { items: items.map(toSummary), nextCursor };
    },
  );

  app.get(
    '/catalog/procedures/:code',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'A procedure for editing: its latest version (the working draft, if any), available actions and what blocks publishing',
        params: CodeParams,
        response: { 200: CatalogProcedure, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const view = await catalogView(db, req.params.code);
      // Drafts belong to the officers who manage the procedure; to others it does not exist here.
      if (!mayManage(await controlScope(db, actor), view.latest.data)) throw notFound(PROCEDURE);
      reply.header('etag', etag(view.version));
      return view;
    },
  );

  app.post(
    '/catalog/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary:
          'Import procedures, for procedure control at the top-level agency (Idempotency-Key required): a JSON array of national records or a catalog export (application/json), ' +
          'the national list or an export as CSV (text/csv), or an export as Excel. Each record is stored or rejected on its own. ' +
          'National codes outside 1.xxxxxx–3.xxxxxx (5.xxxxxx, 6.xxxxxx) are accepted and noted unless allowAnyCodePrefix=false.',
        querystring: z.object({ allowAnyCodePrefix: z.enum(['true', 'false']).optional() }).strict(),
        body: z.unknown(),
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const scope = await requireCatalogWide(db, actor);
      let file: CatalogFile;
      try {
        const body = req.body;
        if (isUpload(body)) file = await readCatalogFile(body.$file, body.$file === 'csv' ? body.text : Buffer.from(body.base64, 'base64'));
        else file = readCatalogJson(body);
      } catch (err) {
        if (!(err instanceof CatalogFileError)) throw err;
        throw invalid('IMPORT_FILE_INVALID', { vi: `Tệp nhập không đọc được: ${err.message}`, en: `The import file cannot be read: ${err.message}` }, { field: 'body' });
      }
      return withIdempotency(db, req, reply, async (trx) => ({
        status: 200,
        body: await importCatalog(trx, savepointPerRecord(trx), file, scope, auditContext(req), {
          allowAnyCodePrefix: req.query.allowAnyCodePrefix !== 'false',
        }),
      }));
    },
  );

  app.get(
    '/catalog/export',
    {
      config: { access: CONTROL },
      schema: {
        tags: ['catalog'],
        summary: 'Export the catalog, for procedure control at the top-level agency (each procedure as published, or its draft if never published) as JSON, CSV or Excel',
        querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict(),
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await requireCatalogWide(db, requirePerson(req));
      const file = await exportCatalogFile(db, req.query.format);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      // A file, not a JSON body: the response schemas only describe the errors.
      return reply.send(file.content as never);
    },
  );
};

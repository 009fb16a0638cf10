import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf, PUBLIC } from '../../platform/auth/access.js';
import { agenciesWithRole, Role, ROLES } from '../../platform/auth/actor.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors.js';
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
import { findAgency, findPersonByPersonalId, findUnitsPage, listAgencies, listOfficers, rolesOfMany } from './org.repository.js';
import { Agency, AgencyCode, AgencyCreate, AgencyUpdate, Officer, OfficerCreate, PersonLookup, RolesReplace, Unit } from './org.schemas.js';
import { adminScope, createAgency, createOfficer, officerView, replaceRoles, toAgency, updateAgency } from './org.service.js';
import { findUnit } from './units.repository.js';

/** The roles that work on dossiers; their holders may see who else works in their agency. */
const HANDLING_ROLES = [Role.RECEPTION, Role.SPECIALIST, Role.APPROVER];
/** One agency's staff fits in one answer; the hand-over forms show them in a select. */
const COLLEAGUES_MAX = 500;
const Colleague = z.object({ id: z.string(), fullName: z.string(), roles: z.array(z.enum(ROLES)) }).meta({ id: 'Colleague' });

const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const orgRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  // ---- Administrative units (public reference data)
  app.get(
    '/units',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['org'],
        summary: 'Administrative units (đơn vị hành chính) of the 2025 or the pre-2025 structure',
        querystring: z
          .object({
            structure: z.enum(['2025', 'pre2025']).default('2025'),
            level: z.enum(['province', 'district', 'commune']).optional(),
            parent: z.string().regex(/^\d{2,3}$/).optional(),
            q: z.string().trim().min(1).max(100).optional(),
            ...PageQuery,
          })
          .strict(),
        response: { 200: Page(Unit), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const after = decodeCursor(q.cursor, z.string());
      const rows = await findUnitsPage(db, { ...q, after, limit: q.limit });
      const { items, nextCursor } = page(rows, q.limit, (u) => u.code);
      return {
        items: items.map((u) => ({ structure: u.structure, code: u.code, level: u.level, name: u.name, unitType: u.unit_type, parentCode: u.parent_code, validFrom: u.valid_from, validTo: u.valid_to })),
        nextCursor,
      };
    },
  );

  app.get(
    '/units/:structure/:code',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['org'],
        summary: 'One administrative unit with the units it came from and became',
        params: z.object({ structure: z.enum(['2025', 'pre2025']), code: z.string().regex(/^\d{2,5}$/) }),
        response: {
          200: Unit.extend({
            successors: z.array(z.object({ structure: z.string(), code: z.string(), name: z.string(), mergeType: z.string(), effectiveOn: z.string() })),
            predecessors: z.array(z.object({ structure: z.string(), code: z.string(), name: z.string(), mergeType: z.string(), effectiveOn: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const found = await findUnit(db, req.params.structure, req.params.code);
      if (!found) throw notFound({ vi: 'đơn vị hành chính', en: 'Administrative unit' });
      const { unit: u } = found;
      const link = (s: (typeof found.successors)[number]) => ({ structure: s.structure, code: s.code, name: s.name, mergeType: s.merge_type, effectiveOn: s.effective_on });
      return {
        structure: u.structure,
        code: u.code,
        level: u.level,
        name: u.name,
        unitType: u.unit_type,
        parentCode: u.parent_code,
        validFrom: u.valid_from,
        validTo: u.valid_to,
        successors: found.successors.map(link),
        predecessors: found.predecessors.map(link),
      };
    },
  );

  // ---- Agencies: the directory is public; changes need the admin role over the agency.
  app.get(
    '/agencies',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['org'],
        summary: 'Agencies (cơ quan), optionally the children of one agency',
        querystring: z.object({ parent: AgencyCode.optional(), q: z.string().trim().min(1).max(100).optional(), ...PageQuery }).strict(),
        response: { 200: Page(Agency), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listAgencies(db, { parent: q.parent, q: q.q, after: decodeCursor(q.cursor, z.string()), limit: q.limit });
      const { items, nextCursor } = page(rows, q.limit, (a) => a.code);
      return { items: items.map((a) => toAgency(a as never)), nextCursor };
    },
  );

  app.get(
    '/agencies/:code',
    {
      config: { access: PUBLIC },
      schema: { tags: ['org'], summary: 'One agency', params: z.object({ code: AgencyCode }), response: { 200: Agency, ...errorResponses } },
    },
    async (req, reply) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      reply.header('etag', etag(a.version));
      return toAgency(a);
    },
  );

  app.post(
    '/agencies',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['org'],
        summary: 'Create an agency under one the caller administers (Idempotency-Key required)',
        body: AgencyCreate,
        response: { 201: Agency, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const created = await withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await createAgency(trx, actor, auditContext(req), req.body),
      }));
      reply.header('etag', etag(created.version));
      return created;
    },
  );

  app.patch(
    '/agencies/:code',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['org'],
        summary: 'Change an agency (If-Match: "<version>" required)',
        params: z.object({ code: AgencyCode }),
        body: AgencyUpdate,
        response: { 200: Agency, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const version = requireIfMatch(req);
      const updated = await db.transaction().execute((trx) => updateAgency(trx, actor, auditContext(req, req.params.code), req.params.code, version, req.body));
      reply.header('etag', etag(updated.version));
      return updated;
    },
  );

  // ---- Officers and their roles, managed by administrators within their agencies.
  app.get(
    '/officers',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['org'],
        summary: 'Officers of the agencies the caller administers',
        querystring: z.object({ ...PageQuery }).strict(),
        response: { 200: Page(Officer), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requirePerson(req);
      const scope = await adminScope(db, actor);
      const rows = await listOfficers(db, [...scope], { after: decodeCursor(req.query.cursor, z.string()), limit: req.query.limit });
      const { items, nextCursor } = page(rows, req.query.limit, (p) => p.username);
      const roles = await rolesOfMany(db, items.map((p) => p.id));
      return {
        items: items.map((p) => ({ id: p.id, username: p.username, fullName: p.full_name, email: p.email, phone: p.phone, active: p.active, version: p.version, roles: roles.get(p.id) ?? [] })),
        nextCursor,
      };
    },
  );

  app.post(
    '/officers',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: { tags: ['org'], summary: 'Create an officer account with roles (Idempotency-Key required)', body: OfficerCreate, response: { 201: Officer, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const created = await withIdempotency(db, req, reply, async (trx) => ({ status: 201, body: await createOfficer(trx, actor, auditContext(req), req.body) }));
      reply.header('etag', etag(created.version));
      return created;
    },
  );

  app.put(
    '/officers/:id/roles',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['org'],
        summary: "Replace an officer's roles within the caller's agencies (If-Match required)",
        params: z.object({ id: z.uuid() }),
        body: RolesReplace,
        response: { 200: Officer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const version = requireIfMatch(req);
      const updated = await db.transaction().execute((trx) => replaceRoles(trx, actor, auditContext(req), req.params.id, version, req.body.roles));
      reply.header('etag', etag(updated.version));
      return updated;
    },
  );

  app.get(
    '/officers/:id',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: { tags: ['org'], summary: 'One officer of the agencies the caller administers', params: z.object({ id: z.uuid() }), response: { 200: Officer, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const scope = await adminScope(db, actor);
      const rows = await rolesOfMany(db, [req.params.id]);
      if (!(rows.get(req.params.id) ?? []).some((g) => scope.has(g.agencyCode))) throw notFound({ vi: 'cán bộ', en: 'Officer' });
      const view = await officerView(db, req.params.id);
      reply.header('etag', etag(view.version));
      return view;
    },
  );

  // ---- Colleagues for the hand-over forms (assign, forward): names and roles in one agency the caller
  // serves, nothing personal. Another agency's staff list is not the caller's business: 404.
  app.get(
    '/agencies/:code/officers',
    {
      config: { access: anyOf(Role.RECEPTION, Role.SPECIALIST, Role.APPROVER) },
      schema: {
        tags: ['org'],
        summary: 'Active officers of an agency the caller works in, with their roles there (names and roles only)',
        params: z.object({ code: AgencyCode }),
        response: { 200: z.object({ agencyCode: z.string(), items: z.array(Colleague) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requirePerson(req);
      const code = req.params.code;
      if (!agenciesWithRole(actor, HANDLING_ROLES).includes(code)) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      const rows = (await listOfficers(db, [code], { limit: COLLEAGUES_MAX })).filter((p) => p.active);
      const roles = await rolesOfMany(db, rows.map((p) => p.id));
      return {
        agencyCode: code,
        items: rows
          .map((p) => ({ id: p.id, fullName: p.full_name, roles: (roles.get(p.id) ?? []).filter((g) => g.agencyCode === code).map((g) => g.role) }))
          .filter((p) => p.roles.length > 0)
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
      };
    },
  );

  // ---- Applicant lookup at the desk: personal data, so every read is audited.
  app.get(
    '/people/lookup',
    {
      config: { access: anyOf(Role.RECEPTION) },
      schema: {
        tags: ['org'],
        summary: 'Find a citizen by 12-digit personal identification number (audited)',
        querystring: z.object({ personalId: z.string().regex(/^\d{12}$/, 'must be 12 digits') }).strict(),
        response: { 200: PersonLookup, ...errorResponses },
      },
    },
    async (req) => {
      requirePerson(req);
      return db.transaction().execute(async (trx) => {
        const p = await findPersonByPersonalId(trx, req.query.personalId);
        await appendAudit(trx, auditContext(req, req.actor.kind === 'person' ? req.actor.roles.find((r) => r.role === Role.RECEPTION)?.agencyCode ?? null : null), [
          { action: 'person.personal_data.read', entityType: 'person', entityId: p?.id ?? null, data: { by: 'personal_id', found: Boolean(p) } },
        ]);
        if (!p || (p.kind !== 'citizen' && p.kind !== 'business')) throw notFound({ vi: 'công dân', en: 'Citizen' });
        return { id: p.id, kind: p.kind, fullName: p.full_name, personalId: p.personal_id, taxCode: p.tax_code, dateOfBirth: p.date_of_birth, address: p.address, phone: p.phone, email: p.email };
      });
    },
  );
};

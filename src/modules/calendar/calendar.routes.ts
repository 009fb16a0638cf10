import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import type { PersonActor } from '../../platform/auth/actor.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf, PUBLIC } from '../../platform/auth/access.js';
import { Role } from '../../platform/auth/actor.js';
import { invalid, notFound } from '../../platform/errors.js';
import { auditContext, errorResponses, requirePerson, withIdempotency } from '../../platform/http.js';
import { AgencyCode } from '../org/org.schemas.js';
import { findAgency } from '../org/org.repository.js';
import { formatVnTime, parseIsoDate } from './civil-date.js';
import { lunarYearName, solarToLunar } from './lunar.js';
import { addWorkingTime, type Duration } from './working-time.js';
import { CalendarProvider, listOverrides, toWorkingHoursSpec, type StoredWorkingHours } from './calendar.store.js';
import { addOverride, revokeOverrideById } from './calendar.service.js';

const IsoDateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const Localized = z.object({ vi: z.string(), en: z.string() });
const DayOut = z.object({
  date: z.string(),
  weekday: z.number().int(),
  status: z.string(),
  working: z.boolean(),
  reason: Localized.nullable(),
  source: z.string().nullable(),
});
const Lunar = z.object({ day: z.number().int(), month: z.number().int(), year: z.number().int(), leapMonth: z.boolean() });

/** "16:00 25/02/2026": how Vietnamese slips and pages write a time (Viet Nam time). */
const vnDisplay = (d: Date) => {
  const [date, time] = formatVnTime(d).split(' ');
  const [y, m, dd] = date!.split('-');
  return `${time} ${dd}/${m}/${y}`;
};

const weekdayOf = (iso: string) => {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
};

/** Dossiers re-dated by a schedule change (see the dossier module's redating). */
export const RedatedDossier = z
  .object({
    code: z.string(),
    agencyCode: z.string(),
    holderAgencyCode: z.string(),
    status: z.string(),
    seq: z.number().int(),
    dueBefore: z.string().nullable(),
    dueAfter: z.string().nullable(),
    legalDueBefore: z.string().nullable(),
    legalDueAfter: z.string().nullable(),
  })
  .meta({ id: 'RedatedDossier' });
export type RedatedDossierOut = z.infer<typeof RedatedDossier>;

/**
 * Called in the transaction of every schedule change, after it is written: re-dates the dossiers whose
 * due dates move and returns them. The composition root wires the dossier module's implementation, so
 * the calendar module does not depend on dossiers.
 */
export type OnScheduleChange = (
  trx: Transaction<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  change: { date: string; kind: 'day_off' | 'working_day'; operation: 'add' | 'revoke'; source: string },
) => Promise<RedatedDossierOut[]>;

export const calendarRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; onScheduleChange?: OnScheduleChange }> = async (app, { db, onScheduleChange }) => {
  const calendars = new CalendarProvider(db);

  async function calendarFor(agencyCode: string | undefined) {
    if (!agencyCode) return calendars.get();
    const agency = await findAgency(db, agencyCode);
    if (!agency) {
      throw invalid('UNKNOWN_AGENCY', { vi: `Không có cơ quan mã ${agencyCode}`, en: `Unknown agency ${agencyCode}` }, { field: 'agency' });
    }
    return calendars.get(toWorkingHoursSpec(agency.working_hours as StoredWorkingHours | null));
  }

  const day = (cal: Awaited<ReturnType<typeof calendarFor>>, iso: string) => {
    const d = cal.describeDay(iso);
    return { date: d.date, weekday: weekdayOf(d.date), status: d.status, working: d.working, reason: d.reason ?? null, source: d.source ?? null };
  };

  app.get(
    '/calendar/deadline',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['calendar'],
        summary: 'Due time of a legal time limit counted in Vietnamese working time (give exactly one duration)',
        querystring: z
          .object({
            start: z.iso.datetime({ offset: true }).describe('receipt time, ISO 8601 with offset, e.g. 2026-02-13T16:00:00+07:00'),
            workingDays: z.coerce.number().int().min(0).max(2000).optional(),
            workingHours: z.coerce.number().int().min(0).max(16000).optional(),
            calendarDays: z.coerce.number().int().min(0).max(3650).optional(),
            sameDay: z.enum(['true']).optional().describe('same-day procedure: due at close, or next working day if received after the cut-off'),
            cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional().describe('cut-off for same-day procedures, default 15:00'),
            countFrom: z.enum(['receipt', 'next_working_day']).optional(),
            agency: AgencyCode.optional().describe("agency code: use its opening hours"),
          })
          .strict(),
        response: {
          200: z.object({
            start: z.string(),
            clockStart: z.string(),
            due: z.string(),
            dueLocal: z.string(),
            duration: z.record(z.string(), z.unknown()),
            agency: z.string().nullable(),
            skippedDays: z.array(DayOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const given = [q.workingDays, q.workingHours, q.calendarDays, q.sameDay].filter((v) => v !== undefined);
      if (given.length !== 1) {
        throw invalid('CALENDAR_ONE_DURATION', {
          vi: 'Cần đúng một trong các tham số workingDays, workingHours, calendarDays, sameDay',
          en: 'Give exactly one of workingDays, workingHours, calendarDays, sameDay',
        });
      }
      if (q.cutoff && !q.sameDay) throw invalid('CALENDAR_CUTOFF_WITHOUT_SAME_DAY', { vi: 'Giờ giới hạn chỉ dùng với thủ tục trả trong ngày', en: 'cutoff applies to same-day procedures only' });
      const duration: Duration =
        q.sameDay !== undefined
          ? { unit: 'same_day', ...(q.cutoff && { cutoff: q.cutoff }) }
          : q.workingDays !== undefined
            ? { unit: 'working_days', value: q.workingDays, ...(q.countFrom && { countFrom: q.countFrom }) }
            : q.workingHours !== undefined
              ? { unit: 'working_hours', value: q.workingHours, ...(q.countFrom && { countFrom: q.countFrom }) }
              : { unit: 'calendar_days', value: q.calendarDays!, ...(q.countFrom && { countFrom: q.countFrom }) };
      const cal = await calendarFor(q.agency);
      const start = new Date(q.start);
      const result = addWorkingTime(start, duration, cal);
      return {
        start: start.toISOString(),
        clockStart: result.clockStart.toISOString(),
        due: result.due.toISOString(),
        dueLocal: vnDisplay(result.due),
        duration: { ...duration },
        agency: q.agency ?? null,
        skippedDays: result.skippedDays.map((d) => day(cal, d)),
      };
    },
  );

  app.get(
    '/calendar/holidays',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['calendar'],
        summary: "The year's days off (statutory, compensatory, official schedule) and make-up working days",
        querystring: z.object({ year: z.coerce.number().int().min(2021).max(2100) }).strict(),
        response: { 200: z.object({ year: z.number(), daysOff: z.array(DayOut), makeUpWorkingDays: z.array(DayOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const cal = await calendars.get();
      const { year } = req.query;
      const daysOff = [];
      const makeUp = [];
      for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
        const d = day(cal, new Date(t).toISOString().slice(0, 10));
        if (d.status === 'make_up_working_day') makeUp.push(d);
        else if (!d.working && d.status !== 'weekly_rest') daysOff.push(d);
        else if (!d.working && d.reason) daysOff.push(d); // a weekend inside an official holiday window
      }
      return { year, daysOff, makeUpWorkingDays: makeUp };
    },
  );

  app.get(
    '/calendar/lunar',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['calendar'],
        summary: 'Vietnamese lunar date (âm lịch, UTC+7) of a solar date',
        querystring: z.object({ date: IsoDateParam }).strict(),
        response: { 200: Lunar.extend({ yearName: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const { year, month, day: d } = parseIsoDate(req.query.date);
      const l = solarToLunar(year, month, d);
      return { day: l.day, month: l.month, year: l.year, leapMonth: l.leapMonth, yearName: lunarYearName(l.year) };
    },
  );

  app.get(
    '/calendar/month',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['calendar'],
        summary: 'A month of days with their status, reason and lunar date (month view)',
        querystring: z.object({ year: z.coerce.number().int().min(2021).max(2100), month: z.coerce.number().int().min(1).max(12), agency: AgencyCode.optional() }).strict(),
        response: { 200: z.object({ year: z.number(), month: z.number(), days: z.array(DayOut.extend({ lunar: Lunar, hours: z.array(z.tuple([z.string(), z.string()])) })) }), ...errorResponses },
      },
    },
    async (req) => {
      const { year, month, agency } = req.query;
      const cal = await calendarFor(agency);
      const days = [];
      for (let d = 1; d <= new Date(Date.UTC(year, month, 0)).getUTCDate(); d++) {
        const iso = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const info = cal.describeDay(iso);
        days.push({ ...day(cal, iso), lunar: solarToLunar(year, month, d), hours: info.hours.map((h) => [h[0], h[1]] as [string, string]) });
      }
      return { year, month, days };
    },
  );

  const Override = z.object({
    id: z.string(),
    date: z.string(),
    kind: z.enum(['day_off', 'working_day']),
    reason: Localized,
    source: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    revokeReason: z.string().nullable(),
  }).meta({ id: 'CalendarOverride' });
  const toOverride = (r: Awaited<ReturnType<typeof listOverrides>>[number]) => ({
    id: r.id,
    date: r.date,
    kind: r.kind,
    reason: { vi: r.reason_vi, en: r.reason_en },
    source: r.source,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
  });

  app.get(
    '/calendar/overrides',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['calendar'],
        summary: 'Official schedule entries with their history (revoked entries included)',
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2199).optional() }).strict(),
        response: { 200: z.object({ items: z.array(Override) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await listOverrides(db, req.query.year)).map(toOverride) }),
  );

  app.post(
    '/calendar/overrides',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['calendar'],
        summary: 'Enter an official schedule entry: a day off or a make-up working day (Idempotency-Key required)',
        body: z
          .object({
            date: IsoDateParam,
            kind: z.enum(['day_off', 'working_day']),
            reason: z.object({ vi: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) }).strict(),
            source: z.string().trim().min(1).max(500).describe('the notice that announced it, e.g. "Công văn 9859/VPCP-KGVX ngày 13/10/2025"'),
          })
          .strict(),
        response: { 201: Override.extend({ redatedDossiers: z.array(RedatedDossier).describe('received dossiers whose due dates this entry moved (each re-dated in its history, applicant notified)') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      parseIsoDate(req.body.date); // impossible dates get CALENDAR_INVALID_DATE
      return withIdempotency(db, req, reply, async (trx) => {
        const id = await addOverride(trx, actor, auditContext(req), req.body);
        const row = (await listOverrides(trx, undefined)).find((r) => r.id === id)!;
        const redatedDossiers = onScheduleChange
          ? await onScheduleChange(trx, actor, auditContext(req), { date: req.body.date, kind: req.body.kind, operation: 'add', source: req.body.source })
          : [];
        return { status: 201, body: { ...toOverride(row), redatedDossiers } };
      });
    },
  );

  app.post(
    '/calendar/overrides/:id/revoke',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['calendar'],
        summary: 'Revoke a schedule entry (kept in the history)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
        response: { 200: Override.extend({ redatedDossiers: z.array(RedatedDossier) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requirePerson(req);
      return db.transaction().execute(async (trx) => {
        await revokeOverrideById(trx, actor, auditContext(req), req.params.id, req.body.reason);
        const row = (await listOverrides(trx, undefined)).find((r) => r.id === req.params.id);
        if (!row) throw notFound({ vi: 'mục lịch', en: 'Schedule entry' });
        const redatedDossiers = onScheduleChange
          ? await onScheduleChange(trx, actor, auditContext(req), { date: row.date, kind: row.kind, operation: 'revoke', source: req.body.reason })
          : [];
        return { ...toOverride(row), redatedDossiers };
      });
    },
  );
};



/**
 * Job handlers for notifications, officers' reminders and the daily overdue sweep, and the scheduler
 * that enqueues the periodic sweeps (one job per receiving agency, so the sweeps are shard-local and
 * fair like every other job).
 *
 * Delivery is at least once: a message is written to the outbox right after it is sent, and a retried
 * job skips the recipients its earlier attempts already reached (outbox row of the same job).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { Role } from '../../platform/auth/actor.js';
import { addWorkingTime } from '../calendar/index.js';
import { toWorkingHoursSpec, type CalendarProvider, type StoredWorkingHours } from '../calendar/calendar.store.js';
import { clockRuns, STATUSES, vnDateOf } from '../dossiers/domain/index.js';
import { enqueue, enqueueMany } from '../jobs/queue.js';
import type { ClaimedJob, JobHandler } from '../jobs/worker.js';
import { render, TEMPLATE_NAMES, type TemplateData, type TemplateName } from './templates.js';
import type { MailSender, SmsSender } from './transports.js';

export const JobKind = {
  NOTIFY_APPLICANT: 'notify.applicant',
  NOTIFY_OFFICERS: 'notify.officers',
  SWEEP_OVERDUE: 'sweep.overdue',
  SWEEP_REMINDERS: 'sweep.reminders',
} as const;

/** Statuses in which the legal clock runs: the only ones that can fall due or be overdue. */
export const RUNNING_STATUSES = STATUSES.filter((s) => clockRuns(s));

/** Reminder sweeps run every half hour; a reminder is sent once per step due instant. */
export const REMINDER_SLOT_MS = 30 * 60_000;

export type NotificationDeps = {
  db: Kysely<DB>;
  mail: MailSender;
  sms: SmsSender;
  calendars: CalendarProvider;
  now: () => Date;
  reminderLeadWorkingHours: number;
  sweepHour: number;
};

type Recipient = { personId: string; email: string | null; phone: string | null };

function isTemplate(t: unknown): t is TemplateName {
  return typeof t === 'string' && (TEMPLATE_NAMES as readonly string[]).includes(t);
}

async function alreadySent(db: Kysely<DB>, job: ClaimedJob, channel: 'email' | 'sms', recipient: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_outbox')
    .select('id')
    .where('agency_code', '=', job.agencyCode)
    .where('job_id', '=', job.id)
    .where('channel', '=', channel)
    .where('recipient', '=', recipient)
    .executeTakeFirst();
  return row !== undefined;
}

async function deliver(deps: NotificationDeps, job: ClaimedJob, channel: 'email' | 'sms', to: Recipient, template: TemplateName, data: unknown, dossierId: string | null) {
  const address = channel === 'email' ? to.email : to.phone;
  if (!address) return;
  if (await alreadySent(deps.db, job, channel, address)) return;
  const message = render(template, data as never);
  const receipt =
    channel === 'email'
      ? await deps.mail.send({ to: address, subject: message.subject, text: message.text })
      : { transport: deps.sms.transport, ...(await deps.sms.send({ to: address, text: message.sms })) };
  await deps.db
    .insertInto('notification_outbox')
    .values({
      agency_code: job.agencyCode,
      id: randomUUID(),
      job_id: job.id,
      channel,
      transport: receipt.transport,
      recipient: address,
      recipient_person_id: to.personId,
      template,
      subject: channel === 'email' ? message.subject : null,
      body: channel === 'email' ? message.text : message.sms,
      dossier_id: dossierId,
      provider_id: receipt.providerId,
    })
    .execute();
}

const people = (db: Kysely<DB>) => db.selectFrom('people').select(['id as personId', 'email', 'phone']).where('active', '=', true);

/** The approvers (leaders) of an agency, or its specialists: who hears about its dossiers. */
async function officersOf(db: Kysely<DB>, agencyCode: string, role: string): Promise<Recipient[]> {
  return people(db)
    .where('id', 'in', db.selectFrom('officer_roles').select('person_id').where('agency_code', '=', agencyCode).where('role', '=', role))
    .orderBy('username')
    .execute();
}

export function notificationHandlers(deps: NotificationDeps): Record<string, JobHandler> {
  const { db } = deps;
  return {
    /** payload: { dossierId, channel, template, data }: the dossier's applicant, by email or SMS. */
    async [JobKind.NOTIFY_APPLICANT](job) {
      const { dossierId, channel, template, data } = job.payload as { dossierId: string; channel: 'email' | 'sms'; template: unknown; data: unknown };
      if (!isTemplate(template) || (channel !== 'email' && channel !== 'sms')) throw new Error(`bad payload: template ${String(template)}, channel ${String(channel)}`);
      const dossier = await db.selectFrom('dossiers').select('applicant_id').where('agency_code', '=', job.agencyCode).where('id', '=', dossierId).executeTakeFirst();
      if (!dossier) throw new Error(`dossier ${dossierId} not found in ${job.agencyCode}`);
      const applicant = await people(db).where('id', '=', dossier.applicant_id).executeTakeFirst();
      if (applicant) await deliver(deps, job, channel, applicant, template, data, dossierId);
    },

    /** payload: { dossierId, personIds?, agencyCode?, role?, template, data }: officers, by email. */
    async [JobKind.NOTIFY_OFFICERS](job) {
      const p = job.payload as { dossierId: string; personIds?: string[]; agencyCode?: string; role?: string; template: unknown; data: unknown };
      if (!isTemplate(p.template)) throw new Error(`bad payload: template ${String(p.template)}`);
      const recipients = p.personIds?.length
        ? await people(db).where('id', 'in', p.personIds).execute()
        : p.agencyCode && p.role
          ? await officersOf(db, p.agencyCode, p.role)
          : [];
      for (const r of recipients) await deliver(deps, job, 'email', r, p.template, p.data, p.dossierId);
    },

    /**
     * The day's overdue dossiers of one receiving agency: each is escalated to the leaders (approvers)
     * of the agency holding it, once per dossier per day (dedupe key).
     */
    async [JobKind.SWEEP_OVERDUE](job) {
      const now = deps.now();
      const day = vnDateOf(now);
      const overdue = await db
        .selectFrom('dossiers')
        .select(['id', 'code', 'due_at', 'holder_agency_code'])
        .where('agency_code', '=', job.agencyCode)
        .where('status', 'in', RUNNING_STATUSES)
        .where('due_at', '<', now)
        .orderBy('due_at')
        .execute();
      await enqueueMany(
        db,
        overdue.map((d) => {
          const data: TemplateData['overdue_escalation'] = {
            code: d.code ?? d.id,
            dueAt: d.due_at!.toISOString(),
            holderAgencyCode: d.holder_agency_code,
            daysLate: Math.max(1, Math.ceil((now.getTime() - d.due_at!.getTime()) / 86_400_000)),
          };
          return {
            agencyCode: job.agencyCode,
            kind: JobKind.NOTIFY_OFFICERS,
            dedupeKey: `escalate:${d.id}:${day}`,
            runAt: now,
            payload: { dossierId: d.id, agencyCode: d.holder_agency_code, role: Role.APPROVER, template: 'overdue_escalation', data },
          };
        }),
      );
    },

    /**
     * Officers' reminders: dossiers of one receiving agency whose current step (or, without a step
     * budget, the dossier itself) falls due within the lead time, counted in working hours of the
     * agency's calendar. The assignee is reminded, or the holder's specialists when nobody is assigned.
     */
    async [JobKind.SWEEP_REMINDERS](job) {
      const now = deps.now();
      const agency = await db.selectFrom('agencies').select('working_hours').where('code', '=', job.agencyCode).executeTakeFirst();
      const calendar = await deps.calendars.get(toWorkingHoursSpec((agency?.working_hours ?? null) as StoredWorkingHours | null));
      const horizon = addWorkingTime(now, { unit: 'working_hours', value: deps.reminderLeadWorkingHours }, calendar).due;
      const dueSoon = await db
        .selectFrom('dossiers')
        .select(['id', 'code', 'holder_agency_code', 'assignee_id', 'state', sql<Date>`coalesce(step_due_at, due_at)`.as('due')])
        .where('agency_code', '=', job.agencyCode)
        .where('status', 'in', RUNNING_STATUSES)
        .where(sql<Date>`coalesce(step_due_at, due_at)`, '>', now)
        .where(sql<Date>`coalesce(step_due_at, due_at)`, '<=', horizon)
        .execute();
      for (const d of dueSoon) {
        const due = new Date(d.due);
        const step = (d.state as { step?: { name?: string | null } | null }).step;
        const data: TemplateData['officer_reminder'] = { code: d.code ?? d.id, stepDueAt: due.toISOString(), stepName: step?.name ?? null };
        await enqueue(db, {
          agencyCode: job.agencyCode,
          kind: JobKind.NOTIFY_OFFICERS,
          dedupeKey: `remind:${d.id}:${due.toISOString()}`,
          runAt: now,
          payload: d.assignee_id
            ? { dossierId: d.id, personIds: [d.assignee_id], template: 'officer_reminder', data }
            : { dossierId: d.id, agencyCode: d.holder_agency_code, role: Role.SPECIALIST, template: 'officer_reminder', data },
        });
      }
    },
  };
}

/** The instant of `hour`:00 Viet Nam time on the Viet Nam day of `now`. */
export function vnHourOn(now: Date, hour: number): Date {
  const [y, m, d] = vnDateOf(now).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, hour - 7));
}

/**
 * Enqueues the periodic sweeps for every receiving agency with running dossiers: the day's overdue
 * sweep (at `sweepHour`, once a day thanks to its dedupe key) and the half-hourly reminder sweep.
 * Several processes may call it at once: the dedupe keys make the extra inserts no-ops.
 */
export async function scheduleSweeps(deps: Pick<NotificationDeps, 'db' | 'sweepHour'>, now: Date): Promise<void> {
  const agencies = await deps.db.selectFrom('dossiers').select('agency_code').distinct().where('status', 'in', RUNNING_STATUSES).execute();
  if (agencies.length === 0) return;
  const day = vnDateOf(now);
  const sweepAt = vnHourOn(now, deps.sweepHour);
  const slot = new Date(Math.floor(now.getTime() / REMINDER_SLOT_MS) * REMINDER_SLOT_MS).toISOString();
  await enqueueMany(
    deps.db,
    agencies.flatMap(({ agency_code }) => [
      { agencyCode: agency_code, kind: JobKind.SWEEP_OVERDUE, dedupeKey: `sweep.overdue:${day}`, runAt: sweepAt, payload: { day }, maxAttempts: 5 },
      { agencyCode: agency_code, kind: JobKind.SWEEP_REMINDERS, dedupeKey: `sweep.reminders:${slot}`, runAt: now, payload: { slot }, maxAttempts: 2 },
    ]),
  );
}

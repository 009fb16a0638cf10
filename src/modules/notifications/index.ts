/**
 * Wiring of the after-commit jobs: the worker with the notification handlers and the periodic sweeps.
 * The composition root (src/app.ts) starts one per process unless `MOTCUA_JOBS=off`; tests build their
 * own with a clock of their choosing.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { CalendarProvider } from '../calendar/calendar.store.js';
import { JobWorker, type WorkerLog, type WorkerOptions } from '../jobs/worker.js';
import { notificationHandlers, scheduleSweeps } from './handlers.js';
import { DevOutboxSmsSender, LogMailSender, SmtpMailSender, type MailSender, type SmsSender } from './transports.js';

export { JobKind, scheduleSweeps } from './handlers.js';
export type { MailSender, SmsSender } from './transports.js';

export type JobsSetup = { worker: JobWorker; mail: MailSender; close(): Promise<void> };

export function mailSenderFor(config: Config, log: WorkerLog): MailSender {
  return config.mail.smtpUrl ? new SmtpMailSender(config.mail.smtpUrl, config.mail.from) : new LogMailSender(log);
}

export function createJobWorker(
  db: Kysely<DB>,
  config: Config,
  options: { mail?: MailSender; sms?: SmsSender; log?: WorkerLog; now?: () => Date; worker?: WorkerOptions } = {},
): JobsSetup {
  const log: WorkerLog = options.log ?? { info() {}, warn() {}, error() {} };
  const now = options.now ?? options.worker?.now ?? (() => new Date());
  const mail = options.mail ?? mailSenderFor(config, log);
  const deps = {
    db,
    mail,
    sms: options.sms ?? new DevOutboxSmsSender(),
    calendars: new CalendarProvider(db),
    now,
    reminderLeadWorkingHours: config.jobs.reminderLeadWorkingHours,
    sweepHour: config.jobs.sweepHour,
  };
  const worker = new JobWorker(db, notificationHandlers(deps), {
    pollMs: config.jobs.pollMs,
    log,
    now,
    schedule: (at) => scheduleSweeps(deps, at),
    ...options.worker,
  });
  return {
    worker,
    mail,
    async close() {
      await worker.stop();
      if (!options.mail) mail.close();
    },
  };
}

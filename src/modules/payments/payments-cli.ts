/** `npx motcua payments reconcile [--older-than <minutes>]`: settles payments whose notification was lost. */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { CalendarProvider } from '../calendar/calendar.store.js';
import { calendarOf } from '../dossiers/dossiers.service.js';
import { gatewayFromConfig } from './gateway-config.js';
import { reconcilePayments } from './payments.service.js';

export const PAYMENTS_USAGE = 'motcua payments reconcile [--older-than <minutes>]';

export async function runPaymentsCommand(db: Kysely<DB>, config: Config, args: string[], usage: (message: string) => Error): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'older-than': { type: 'string', default: '15' } }, allowPositionals: true });
  if (positionals[0] !== 'reconcile' || positionals.length > 1) throw usage('expected: payments reconcile [--older-than <minutes>]');
  const minutes = Number(values['older-than']);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 100_000) throw usage('--older-than must be a whole number of minutes');
  const gateway = gatewayFromConfig(config);
  if (!gateway) {
    console.error('No payment gateway is configured (VNPAY_TMN_CODE …): nothing to reconcile.');
    return 1;
  }
  const calendars = new CalendarProvider(db);
  const s = await reconcilePayments(
    { db, gateway, publicUrl: config.publicUrl, expireMinutes: config.payments.kind === 'none' ? 15 : config.payments.expireMinutes, calendarFor: (a) => calendarOf(calendars, a) },
    { olderThanMinutes: minutes },
  );
  console.log(
    `Checked ${s.checked} pending payment(s): ${s.paid} paid, ${s.failed} failed, ${s.cancelled} cancelled, ${s.expired} expired, ${s.unchanged} unchanged, ${s.unreachable} not reachable at the gateway.`,
  );
  return s.unreachable > 0 ? 2 : 0;
}

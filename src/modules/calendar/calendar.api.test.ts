import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
let n = 0;
const key = () => `cal-key-${Date.now()}-${++n}`;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['quantri.tinh', 'quantri.tichluong', 'motcua.tinh', 'congdan.an']) tokens[u] = await t.tokenFor(u);
});
afterAll(async () => t?.close());

const deadline = (qs: string) => t.call('GET', `/api/v1/calendar/deadline?${qs}`);

describe(`calendar API (${TEST_DB})`, () => {
  it('counts 3 working days from the eve of Tết 2026 past the holiday week', async () => {
    const r = await deadline(`start=${encodeURIComponent('2026-02-13T16:00:00+07:00')}&workingDays=3`);
    expect(r.status).toBe(200);
    expect(r.body.due).toBe('2026-02-25T09:00:00.000Z'); // 16:00 on Wed 25/02/2026 in Viet Nam
    expect(r.body.dueLocal).toBe('16:00 25/02/2026');
    const skipped = r.body.skippedDays.map((d: { date: string }) => d.date);
    expect(skipped).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
    expect(r.body.skippedDays.find((d: { date: string }) => d.date === '2026-02-17').reason.vi).toMatch(/Tết/);
  });

  it('counts the make-up Saturday of 22/08/2026 as a working day', async () => {
    const r = await deadline(`start=${encodeURIComponent('2026-08-20T09:00:00+07:00')}&workingDays=5`);
    expect(r.body.due).toBe('2026-08-26T02:00:00.000Z');
  });

  it('lands a 2-working-hour deadline received at 16:45 on the next morning, and uses agency hours', async () => {
    const r = await deadline(`start=${encodeURIComponent('2026-03-10T16:45:00+07:00')}&workingHours=2`);
    expect(r.body.due).toBe('2026-03-11T01:45:00.000Z'); // 08:45 next day
    const a = await deadline(`start=${encodeURIComponent('2026-03-10T16:45:00+07:00')}&workingHours=2&agency=H55.01`);
    expect(a.body.agency).toBe('H55.01');
    const unknown = await deadline(`start=${encodeURIComponent('2026-03-10T16:45:00+07:00')}&workingHours=2&agency=H99`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_AGENCY');
  });

  it('applies the 15:00 cut-off of same-day procedures', async () => {
    const before = await deadline(`start=${encodeURIComponent('2026-03-10T14:00:00+07:00')}&sameDay=true`);
    expect(before.body.due).toBe('2026-03-10T10:00:00.000Z');
    const after = await deadline(`start=${encodeURIComponent('2026-03-10T15:30:00+07:00')}&sameDay=true`);
    expect(after.body.due).toBe('2026-03-11T10:00:00.000Z');
  });

  it('refuses bad input with specific codes', async () => {
    const cases: [string, string][] = [
      ['start=2026-02-30T10:00:00%2B07:00&workingDays=1', 'VALIDATION_FAILED'],
      ['start=yesterday&workingDays=1', 'VALIDATION_FAILED'],
      [`start=${encodeURIComponent('2026-03-10T10:00:00+07:00')}&workingDays=-2`, 'VALIDATION_FAILED'],
      [`start=${encodeURIComponent('2026-03-10T10:00:00+07:00')}`, 'CALENDAR_ONE_DURATION'],
      [`start=${encodeURIComponent('2026-03-10T10:00:00+07:00')}&workingDays=1&workingHours=2`, 'CALENDAR_ONE_DURATION'],
      [`start=${encodeURIComponent('2026-03-10T10:00:00+07:00')}&workingDays=1&cutoff=15:00`, 'CALENDAR_CUTOFF_WITHOUT_SAME_DAY'],
    ];
    for (const [qs, code] of cases) {
      const r = await deadline(qs);
      expect(r.status, qs).toBe(400);
      expect(r.body.code, qs).toBe(code);
    }
  });

  it('lists the days off of 2025 with their reasons', async () => {
    const r = await t.call('GET', '/api/v1/calendar/holidays?year=2025');
    const off = r.body.daysOff.map((d: { date: string }) => d.date);
    for (const d of ['2025-01-01', '2025-01-27', '2025-01-29', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02']) expect(off).toContain(d);
    expect(r.body.makeUpWorkingDays.map((d: { date: string }) => d.date)).toContain('2025-04-26');
    expect(r.body.daysOff.every((d: { reason: unknown }) => d.reason)).toBe(true);
    expect((await t.call('GET', '/api/v1/calendar/holidays?year=20x5')).status).toBe(400);
  });

  it('converts to the lunar calendar', async () => {
    expect((await t.call('GET', '/api/v1/calendar/lunar?date=2026-02-17')).body).toMatchObject({ day: 1, month: 1, year: 2026, leapMonth: false });
    expect((await t.call('GET', '/api/v1/calendar/lunar?date=2023-03-22')).body).toMatchObject({ day: 1, month: 2, leapMonth: true });
    const bad = await t.call('GET', '/api/v1/calendar/lunar?date=2025-02-29');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CALENDAR_INVALID_DATE');
  });

  it('shows a month with lunar dates', async () => {
    const r = await t.call('GET', '/api/v1/calendar/month?year=2026&month=2');
    expect(r.body.days).toHaveLength(28);
    expect(r.body.days[16]).toMatchObject({ date: '2026-02-17', working: false, lunar: { day: 1, month: 1 } });
  });
});

describe(`official schedule entries (${TEST_DB})`, () => {
  it.each([
    ['anonymous', 401],
    ['congdan.an', 403],
    ['motcua.tinh', 403],
    ['quantri.tichluong', 403], // an administrator, but of a commune
  ])('POST /calendar/overrides as %s → %i', async (who, status) => {
    const r = await t.call('POST', '/api/v1/calendar/overrides', {
      token: tokens[who],
      headers: { 'idempotency-key': key() },
      body: { date: '2027-01-04', kind: 'day_off', reason: { vi: 'Nghỉ bù', en: 'Day off' }, source: 'test' },
    });
    expect(r.status).toBe(status);
  });

  it('moves deadlines when an administrator adds a day off, keeps the history when it is revoked', async () => {
    const qs = `start=${encodeURIComponent('2027-03-01T09:00:00+07:00')}&workingDays=5`;
    const before = await deadline(qs);
    expect(before.body.due).toBe('2027-03-08T02:00:00.000Z'); // Mon 08/03/2027 09:00
    const add = await t.call('POST', '/api/v1/calendar/overrides', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { date: '2027-03-03', kind: 'day_off', reason: { vi: 'Nghỉ theo thông báo thử nghiệm', en: 'Test day off' }, source: 'Thông báo thử nghiệm' },
    });
    expect(add.status).toBe(201);
    const after = await deadline(qs);
    expect(after.body.due).toBe('2027-03-09T02:00:00.000Z');
    expect(after.body.skippedDays.map((d: { date: string }) => d.date)).toContain('2027-03-03');

    const dup = await t.call('POST', '/api/v1/calendar/overrides', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { date: '2027-03-03', kind: 'working_day', reason: { vi: 'x', en: 'x' }, source: 'x' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CALENDAR_OVERRIDE_EXISTS');

    const revoke = await t.call('POST', `/api/v1/calendar/overrides/${add.body.id}/revoke`, { token: tokens['quantri.tinh'], body: { reason: 'Nhập nhầm' } });
    expect(revoke.status).toBe(200);
    expect(revoke.body.revokedBy).toBe('quantri.tinh');
    expect((await deadline(qs)).body.due).toBe(before.body.due);
    const again = await t.call('POST', `/api/v1/calendar/overrides/${add.body.id}/revoke`, { token: tokens['quantri.tinh'], body: { reason: 'lần nữa' } });
    expect(again.body.code).toBe('CALENDAR_OVERRIDE_REVOKED');
    const history = await t.call('GET', '/api/v1/calendar/overrides?year=2027', { token: tokens['quantri.tinh'] });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ date: '2027-03-03', revokeReason: 'Nhập nhầm' });
  });

  it('refuses contradictory entries: a working day on a statutory holiday, an impossible date', async () => {
    const holiday = await t.call('POST', '/api/v1/calendar/overrides', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { date: '2027-04-30', kind: 'working_day', reason: { vi: 'Làm việc', en: 'Work' }, source: 'x' },
    });
    expect(holiday.status).toBe(400);
    expect(holiday.body.code).toBe('CALENDAR_WORKING_DAY_ON_HOLIDAY');
    const impossible = await t.call('POST', '/api/v1/calendar/overrides', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { date: '2027-02-29', kind: 'day_off', reason: { vi: 'x', en: 'x' }, source: 'x' },
    });
    expect(impossible.body.code).toBe('CALENDAR_INVALID_DATE');
    expect(await t.database.db.selectFrom('calendar_overrides').select('id').where('date', '=', '2027-04-30').execute()).toHaveLength(0);
  });
});

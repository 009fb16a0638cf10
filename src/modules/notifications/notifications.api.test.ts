import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { vnDateOf } from '../dossiers/domain/index.js';
import { act, idemKey, publishProcedure, receivedDossier } from './api.test-support.js';
import { vnHourOn } from './handlers.js';
import { createJobWorker } from './index.js';

let t: TestApp;
let smtp: SMTPServer;
const inbox: ParsedMail[] = [];
const PROCEDURE = '3.950102';

beforeAll(async () => {
  // A real SMTP server on a free loopback port; the app's worker sends to it.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (err) => callback(err as Error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await startTestApp({ MOTCUA_JOBS: 'on', MOTCUA_JOBS_POLL_MS: '50', SMTP_URL: `smtp://127.0.0.1:${port}`, MOTCUA_MAIL_FROM: 'Một cửa Thái Nguyên <motcua@thainguyen.example.vn>' });
  await publishProcedure(t, PROCEDURE);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

async function mailTo(address: string, subjectPart: string, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = inbox.find((m) => m.subject?.includes(subjectPart) && JSON.stringify(m.to).includes(address));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} about "${subjectPart}"; got: ${inbox.map((m) => m.subject).join(' / ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const mailsTo = (address: string, subjectPart: string) => inbox.filter((m) => m.subject?.includes(subjectPart) && JSON.stringify(m.to).includes(address));

describe(`notifications by email and SMS (${TEST_DB})`, () => {
  it('emails the applicant on receipt through the SMTP server, Vietnamese intact, and records email and SMS in the outbox', async () => {
    const d = await receivedDossier(t, PROCEDURE);
    const mail = await mailTo('an.nguyen@example.vn', d.code);
    expect(mail.subject).toBe(`Đã tiếp nhận hồ sơ ${d.code} | Dossier ${d.code} received`);
    expect(mail.from?.text).toContain('Một cửa Thái Nguyên');
    expect(mail.text).toContain(`Hồ sơ của Ông/Bà đã được tiếp nhận, mã hồ sơ ${d.code}.`);
    const [date, time] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(d.body.dueAt))
      .split(', ');
    const [y, m, dd] = date!.split('-');
    expect(mail.text).toContain(`Ngày hẹn trả kết quả: ${time} ngày ${dd}/${m}/${y}.`);
    expect(mail.text).toContain(`Your dossier has been received under code ${d.code}.`);

    // The online submission was acknowledged too, before the receipt.
    const outboxOf = () => t.database.db.selectFrom('notification_outbox').selectAll().where('dossier_id', '=', d.id).orderBy('template', 'desc').orderBy('channel').execute();
    const deadline = Date.now() + 15_000;
    while ((await outboxOf()).length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await outboxOf()).map((o) => [o.channel, o.transport, o.recipient, o.template])).toEqual([
      ['email', 'smtp', 'an.nguyen@example.vn', 'dossier_submitted'],
      ['sms', 'sms-dev-outbox', '0912000001', 'dossier_submitted'],
      ['email', 'smtp', 'an.nguyen@example.vn', 'dossier_received'],
      ['sms', 'sms-dev-outbox', '0912000001', 'dossier_received'],
    ]);
    expect((await mailTo('an.nguyen@example.vn', 'Đã gửi hồ sơ trực tuyến, chờ tiếp nhận')).text).toContain('đang chờ Bộ phận Một cửa kiểm tra, tiếp nhận');
    // The job is done, once: one message per event.
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('an.nguyen@example.vn', d.code)).toHaveLength(1);
  });

  it('tells the applicant item by item what to supplement', async () => {
    const d = await receivedDossier(t, PROCEDURE, true);
    const r = await act(t, 'chuyenvien.tuphap', d.code, 'REQUEST_SUPPLEMENT', d.version, { items: [{ componentCode: 'CCCD', reason: 'Bản sao căn cước công dân bị mờ, đề nghị nộp bản rõ nét' }] });
    expect(r.status).toBe(200);
    const mail = await mailTo('an.nguyen@example.vn', `Yêu cầu bổ sung hồ sơ ${d.code}`);
    expect(mail.text).toContain('- CCCD: Bản sao căn cước công dân bị mờ, đề nghị nộp bản rõ nét');
  });

  it('reminds the officer before the dossier falls due, once per due instant', async () => {
    const d = await receivedDossier(t, PROCEDURE, true);
    const due = new Date(d.body.dueAt);
    const at = new Date(due.getTime() - 60 * 60_000); // within the default 4 working hours of lead time
    const { worker, close } = createJobWorker(t.database.db, t.config, { now: () => at, worker: { scheduleEveryMs: 0 } });
    try {
      for (let i = 0; i < 3; i++) await worker.runOnce();
      // Nobody is assigned at H55.02 yet: its specialists are reminded.
      const mail = await mailTo('duc.pm@stp.thainguyen.example.vn', `Sắp đến hạn xử lý hồ sơ ${d.code}`);
      expect(mail.text).toContain(`Bước xử lý hồ sơ ${d.code} đến hạn lúc`);
      for (let i = 0; i < 3; i++) await worker.runOnce();
    } finally {
      await close();
    }
    const reminders = await t.database.db.selectFrom('jobs').select('id').where('dedupe_key', 'like', `remind:${d.id}:%`).execute();
    expect(reminders).toHaveLength(1);
  });

  it('escalates an overdue dossier to the leaders of the agency holding it, once per dossier per day', async () => {
    const d = await receivedDossier(t, PROCEDURE, true);
    const due = new Date(d.body.dueAt);
    let at = vnHourOn(new Date(due.getTime() + 2 * 86_400_000), 9);
    const { worker, close } = createJobWorker(t.database.db, t.config, { now: () => at, worker: { scheduleEveryMs: 0 } });
    const escalations = () => t.database.db.selectFrom('jobs').select(['dedupe_key', 'done_at']).where('dedupe_key', 'like', `escalate:${d.id}:%`).orderBy('dedupe_key').execute();
    try {
      for (let i = 0; i < 4; i++) await worker.runOnce();
      const mail = await mailTo('thang.hv@stp.thainguyen.example.vn', `Hồ sơ ${d.code} đã quá hạn giải quyết`);
      expect(mail.text).toContain('do H55.02 đang xử lý đã quá hạn');
      for (let i = 0; i < 4; i++) await worker.runOnce();
      expect((await escalations()).map((e) => e.dedupe_key)).toEqual([`escalate:${d.id}:${vnDateOf(at)}`]);
      expect(mailsTo('thang.hv@stp.thainguyen.example.vn', `Hồ sơ ${d.code} đã quá hạn`)).toHaveLength(1);

      // Still overdue the next day: escalated again, once.
      at = new Date(at.getTime() + 86_400_000);
      for (let i = 0; i < 4; i++) await worker.runOnce();
      expect(await escalations()).toHaveLength(2);
      expect((await escalations()).every((e) => e.done_at !== null)).toBe(true);
    } finally {
      await close();
    }
  });

  it('re-dates received dossiers when a working day becomes a day off: history, officers’ list, applicant told; and back on revoke', async () => {
    const d = await receivedDossier(t, PROCEDURE, true);
    // The first working day after receipt: inside the dossier's time limit.
    const next = await t.call('GET', `/api/v1/calendar/deadline?start=${encodeURIComponent(d.body.receivedAt)}&workingDays=1&agency=H55.01`);
    expect(next.status).toBe(200);
    const day = vnDateOf(new Date(next.body.due));

    const admin = await t.tokenFor('quantri.tinh');
    const added = await t.call('POST', '/api/v1/calendar/overrides', {
      token: admin,
      headers: { 'idempotency-key': idemKey() },
      body: { date: day, kind: 'day_off', reason: { vi: 'Nghỉ đột xuất theo thông báo', en: 'Extra day off' }, source: 'Thông báo thử nghiệm số 1/TB-UBND' },
    });
    expect(added.status).toBe(201);
    const mine = added.body.redatedDossiers.find((r: { code: string }) => r.code === d.code);
    expect(mine).toMatchObject({ agencyCode: 'H55.01', holderAgencyCode: 'H55.02', status: 'IN_PROCESS', dueBefore: d.body.dueAt, legalDueBefore: d.body.dueAt });
    // Recomputed by the calendar module from the receipt: one more working day.
    const expected = await t.call('GET', `/api/v1/calendar/deadline?start=${encodeURIComponent(d.body.receivedAt)}&workingDays=3&agency=H55.01`);
    expect(mine.dueAfter).toBe(expected.body.due);
    expect(new Date(mine.dueAfter).getTime()).toBeGreaterThan(new Date(d.body.dueAt).getTime());

    const officer = await t.tokenFor('chuyenvien.tuphap');
    const view = await t.call('GET', `/api/v1/dossiers/${d.code}`, { token: officer });
    expect(view.body).toMatchObject({ dueAt: mine.dueAfter, legalDueAt: mine.dueAfter, status: 'IN_PROCESS', version: d.version + 1 });
    const history = await t.call('GET', `/api/v1/dossiers/${d.code}/history`, { token: officer });
    const last = history.body.items.at(-1);
    expect(last).toMatchObject({ action: 'REDATE', statusFrom: 'IN_PROCESS', statusTo: 'IN_PROCESS', dueBefore: d.body.dueAt, dueAfter: mine.dueAfter });

    const listed = await t.call('GET', '/api/v1/dossiers-redated', { token: officer });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ code: d.code, seq: mine.seq, source: 'Thông báo thử nghiệm số 1/TB-UBND', dueAfter: mine.dueAfter }));
    const elsewhere = await t.call('GET', '/api/v1/dossiers-redated', { token: await t.tokenFor('motcua.tichluong') });
    expect(elsewhere.body.items.map((i: { code: string }) => i.code)).not.toContain(d.code);
    expect((await t.call('GET', '/api/v1/dossiers-redated', { token: await t.tokenFor('congdan.an') })).status).toBe(403);

    const mail = await mailTo('an.nguyen@example.vn', `Điều chỉnh ngày hẹn trả kết quả hồ sơ ${d.code}`);
    expect(mail.text).toContain(`ngày hẹn trả kết quả hồ sơ ${d.code} được điều chỉnh`);

    // Revoking the entry moves the date back, recorded again.
    const revoked = await t.call('POST', `/api/v1/calendar/overrides/${added.body.id}/revoke`, { token: admin, body: { reason: 'Nhập nhầm ngày' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.redatedDossiers.find((r: { code: string }) => r.code === d.code)).toMatchObject({ dueBefore: mine.dueAfter, dueAfter: d.body.dueAt });
    const after = await t.call('GET', `/api/v1/dossiers/${d.code}/history`, { token: officer });
    expect(after.body.items.slice(-2).map((e: { action: string }) => e.action)).toEqual(['REDATE', 'REDATE']);

    // A change no received dossier's clock reaches (a weekday of November next year) re-dates nothing.
    const nov = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 10, 17));
    while (nov.getUTCDay() === 0 || nov.getUTCDay() === 6) nov.setUTCDate(nov.getUTCDate() + 1);
    const far = await t.call('POST', '/api/v1/calendar/overrides', {
      token: admin,
      headers: { 'idempotency-key': idemKey() },
      body: { date: nov.toISOString().slice(0, 10), kind: 'day_off', reason: { vi: 'Nghỉ thử nghiệm', en: 'Test day off' }, source: 'Thông báo thử nghiệm số 2' },
    });
    expect(far.status).toBe(201);
    expect(far.body.redatedDossiers).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { applicantNoticeFor } from './dossier-events.js';
import { render, TEMPLATE_NAMES, vnDateTime, type TemplateData } from './templates.js';
import { walk } from '../dossiers/domain/fixtures.test-support.js';
import { Action } from '../dossiers/domain/index.js';

const samples: TemplateData = {
  dossier_submitted: { submittedAt: '2026-03-02T02:15:00.000Z' },
  dossier_received: { code: 'H55.01-260302-0001', dueAt: '2026-03-05T09:00:00.000Z' },
  supplement_requested: { code: 'H55.01-260302-0001', items: [{ componentCode: 'CCCD', reason: 'Bản sao căn cước bị mờ' }] },
  payment_requested: { code: 'H55.01-260302-0001', amount: 1_500_000, description: 'Lệ phí trước bạ' },
  result_ready: { code: 'H55.01-260302-0001' },
  apology: { code: 'H55.01-260302-0001', newDueAt: '2026-03-10T03:00:00.000Z', reason: 'Cần xác minh thêm' },
  refused: { code: null, reasons: ['Không thuộc thẩm quyền'], atReception: true },
  redated: { code: 'H55.01-260302-0001', dueBefore: '2026-04-27T09:00:00.000Z', dueAfter: '2026-04-28T09:00:00.000Z', change: 'ngày nghỉ / day off 2026-04-27' },
  officer_reminder: { code: 'H55.01-260302-0001', stepDueAt: '2026-03-03T04:30:00.000Z', stepName: 'Thẩm định' },
  overdue_escalation: { code: 'H55.01-260302-0001', dueAt: '2026-03-05T09:00:00.000Z', holderAgencyCode: 'H55.02', daysLate: 2 },
};

describe('notification templates', () => {
  it('print times in Viet Nam time whatever the server zone', () => {
    expect(vnDateTime('2026-03-05T09:00:00.000Z')).toEqual({ vi: '16:00 ngày 05/03/2026', en: '5 Mar 2026, 16:00' });
    expect(vnDateTime('2025-12-31T17:30:00.000Z').vi).toBe('00:30 ngày 01/01/2026');
  });

  it.each(TEMPLATE_NAMES.map((t) => [t]))('%s: Vietnamese first, English second, with the dossier code', (t) => {
    const m = render(t, samples[t] as never);
    const [vi, en] = m.text.split('\n---\n');
    expect(en).toBeDefined();
    expect(m.subject.split(' | ')).toHaveLength(2);
    expect(m.subject.indexOf('|')).toBeGreaterThan(0);
    // A refusal at reception and a submission not yet received have no code.
    if (t !== 'refused' && t !== 'dossier_submitted') expect(vi).toContain('H55.01-260302-0001');
    expect(vi).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/);
    expect(m.sms.length).toBeGreaterThan(10);
  });

  it('says what the applicant must know', () => {
    expect(render('dossier_submitted', samples.dossier_submitted).text).toContain('gửi trực tuyến lúc 09:15 ngày 02/03/2026');
    expect(render('dossier_received', samples.dossier_received).text).toContain('Ngày hẹn trả kết quả: 16:00 ngày 05/03/2026.');
    expect(render('supplement_requested', samples.supplement_requested).text).toContain('- CCCD: Bản sao căn cước bị mờ');
    expect(render('payment_requested', samples.payment_requested).text).toContain('1.500.000 đồng');
    const redated = render('redated', samples.redated).text;
    expect(redated).toContain('Ngày hẹn cũ: 16:00 ngày 27/04/2026. Ngày hẹn mới: 16:00 ngày 28/04/2026.');
    expect(render('overdue_escalation', samples.overdue_escalation).text).toContain('H55.02');
  });
});

describe('which dossier events the applicant hears about', () => {
  it('maps submission, receipt, supplement and apology events to their templates with the facts the event fixed', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.REQUEST_SUPPLEMENT]);
    const [create, submit, receive, forward, supplement] = w.events;
    expect(applicantNoticeFor(create!, null)).toBeNull();
    expect(applicantNoticeFor(submit!, null)).toEqual({ template: 'dossier_submitted', data: { submittedAt: submit!.at.toISOString() } });
    expect(applicantNoticeFor(forward!, 'X')).toBeNull();
    const received = applicantNoticeFor(receive!, null)!;
    expect(received.template).toBe('dossier_received');
    expect(received.data).toEqual({ code: (receive as { payload: { dossierCode: string } }).payload.dossierCode, dueAt: receive!.due.after!.toISOString() });
    expect(applicantNoticeFor(supplement!, 'C-1')).toEqual({ template: 'supplement_requested', data: { code: 'C-1', items: [{ componentCode: 'TP01', reason: 'Bản sao chưa được chứng thực' }] } });
  });
});

import { describe, expect, it } from 'vitest';
import { Status, STATUSES } from '../dossiers/domain/index.js';
import { assertMayAttach, componentsOf, getComponent, mayRead, RESULT_COMPONENT, type Capacity, type How } from './rules.js';

const APPLICANT: Capacity = { applicant: true, reception: false, handling: false };
const DESK: Capacity = { applicant: false, reception: true, handling: false };
const HANDLER: Capacity = { applicant: false, reception: false, handling: true };
const STRANGER: Capacity = { applicant: false, reception: false, handling: false };

function outcome(status: Status, c: Capacity, component: string, how: How): 'ok' | string {
  try {
    assertMayAttach(status, c, component, how);
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
}
const allowedStatuses = (c: Capacity, component: string, how: How) => STATUSES.filter((s) => outcome(s, c, component, how) === 'ok');

describe('components', () => {
  it('are numbered in the order the procedure version lists them, then the result', () => {
    const list = componentsOf([
      { name: 'Tờ khai đăng ký khai sinh', required: true },
      { name: 'Giấy chứng sinh', required: null },
    ]);
    expect(list.map((c) => c.code)).toEqual(['TP01', 'TP02', RESULT_COMPONENT]);
    expect(getComponent(list, 'TP02').name).toBe('Giấy chứng sinh');
    expect(() => getComponent(list, 'TP03')).toThrow(expect.objectContaining({ code: 'ATTACHMENT_UNKNOWN_COMPONENT', details: expect.objectContaining({ components: ['TP01', 'TP02', 'result'] }) }));
  });
});

describe('who may add papers, and when', () => {
  it('the applicant: files (new or reused) before reception and while completion or a supplement is awaited', () => {
    const expected = [Status.DRAFT, Status.SUBMITTED, Status.AWAITING_COMPLETION, Status.AWAITING_SUPPLEMENT];
    expect(allowedStatuses(APPLICANT, 'TP01', 'file')).toEqual(expected);
    expect(allowedStatuses(APPLICANT, 'TP01', 'reuse')).toEqual(expected);
    expect(outcome(Status.IN_PROCESS, APPLICANT, 'TP01', 'file')).toBe('ATTACHMENT_NOT_ALLOWED_IN_STATUS');
    expect(outcome(Status.SUBMITTED, APPLICANT, 'TP01', 'paper')).toBe('FORBIDDEN');
    expect(outcome(Status.IN_PROCESS, APPLICANT, RESULT_COMPONENT, 'file')).toBe('FORBIDDEN');
  });

  it('the receiving desk: files and paper records until the dossier closes; never reuse', () => {
    const open = STATUSES.filter((s) => ![Status.REFUSED_AT_RECEPTION, Status.RETURNED, Status.WITHDRAWN, Status.STOPPED, Status.REFUSED_TO_SETTLE].includes(s as never));
    expect(allowedStatuses(DESK, 'TP01', 'file')).toEqual(open);
    expect(allowedStatuses(DESK, 'TP01', 'paper')).toEqual(open);
    expect(outcome(Status.RETURNED, DESK, 'TP01', 'file')).toBe('ATTACHMENT_NOT_ALLOWED_IN_STATUS');
    expect(outcome(Status.SUBMITTED, DESK, 'TP01', 'reuse')).toBe('FORBIDDEN');
    expect(outcome(Status.IN_PROCESS, DESK, RESULT_COMPONENT, 'file')).toBe('FORBIDDEN');
  });

  it('the handling agency: papers once received; results from processing until hand-over, as files only', () => {
    expect(allowedStatuses(HANDLER, 'TP01', 'file')).not.toContain(Status.SUBMITTED);
    expect(allowedStatuses(HANDLER, 'TP01', 'file')).toContain(Status.AWAITING_PAYMENT);
    expect(allowedStatuses(HANDLER, RESULT_COMPONENT, 'file')).toEqual([Status.IN_PROCESS, Status.AWAITING_APPROVAL, Status.APPROVED, Status.RESULT_READY]);
    expect(outcome(Status.IN_PROCESS, HANDLER, RESULT_COMPONENT, 'paper')).toBe('FORBIDDEN');
    expect(outcome(Status.RETURNED, HANDLER, RESULT_COMPONENT, 'file')).toBe('ATTACHMENT_NOT_ALLOWED_IN_STATUS');
  });

  it('nobody else, ever', () => {
    for (const how of ['file', 'paper', 'reuse'] as const) for (const s of STATUSES) expect(outcome(s, STRANGER, 'TP01', how)).toBe('FORBIDDEN');
  });
});

describe('who may read', () => {
  it('the applicant sees result documents only once the result is issued; officers see all', () => {
    expect(STATUSES.filter((s) => mayRead(s, APPLICANT, RESULT_COMPONENT))).toEqual([Status.RESULT_READY, Status.RETURNED]);
    expect(STATUSES.every((s) => mayRead(s, APPLICANT, 'TP01'))).toBe(true);
    expect(STATUSES.every((s) => mayRead(s, HANDLER, RESULT_COMPONENT) && mayRead(s, DESK, RESULT_COMPONENT))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { NATIONAL_STATUS_LABELS, nationalStatusCode, Status, STATUS_INFO, statusInfo, STATUSES, type Status as StatusT } from './status.js';

describe('statuses', () => {
  it.each<[StatusT, number | null, string, boolean]>([
    [Status.DRAFT, null, 'initial', false],
    [Status.SUBMITTED, 1, 'initial', false],
    [Status.AWAITING_COMPLETION, 5, 'paused', false],
    [Status.RECEIVED, 2, 'active', true],
    [Status.REFUSED_AT_RECEPTION, 3, 'terminal', false],
    [Status.IN_PROCESS, 4, 'active', true],
    [Status.TRANSFERRED, 4, 'active', true],
    [Status.AWAITING_SUPPLEMENT, 5, 'paused', false],
    [Status.AWAITING_PAYMENT, 6, 'paused', false],
    [Status.PAUSED, 4, 'paused', false],
    [Status.AWAITING_APPROVAL, 4, 'active', true],
    [Status.APPROVED, 4, 'active', true],
    [Status.RESULT_READY, 9, 'active', false],
    [Status.RETURNED, 10, 'terminal', false],
    [Status.WITHDRAWN, 7, 'terminal', false],
    [Status.STOPPED, 8, 'terminal', false],
    [Status.REFUSED_TO_SETTLE, 8, 'terminal', false],
  ])('%s → national %s, %s, clock runs: %s', (status, national, kind, runs) => {
    expect(nationalStatusCode(status)).toBe(national);
    expect(statusInfo(status)).toMatchObject({ status, national, kind, clockRuns: runs });
  });

  it('every national code 1–10 is used by some status', () => {
    const used = new Set(STATUSES.map(nationalStatusCode));
    for (const code of Object.keys(NATIONAL_STATUS_LABELS).map(Number)) expect(used.has(code as never)).toBe(true);
  });

  it('labels are bilingual and distinct', () => {
    const vi = STATUSES.map((s) => STATUS_INFO[s].label.vi);
    const en = STATUSES.map((s) => STATUS_INFO[s].label.en);
    expect(new Set(vi).size).toBe(STATUSES.length);
    expect(new Set(en).size).toBe(STATUSES.length);
    for (const s of STATUSES) expect(STATUS_INFO[s].label.vi.trim()).not.toBe('');
  });

  it('the clock runs only in active statuses; never while paused or ended', () => {
    for (const s of STATUSES) {
      if (STATUS_INFO[s].clockRuns) expect(STATUS_INFO[s].kind).toBe('active');
    }
  });
});

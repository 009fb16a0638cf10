import { describe, expect, it } from 'vitest';
import type { DossierEvent } from './domain/index.js';
import { eventDetail, historyEntry } from './dossiers.service.js';

/** An event as the history stores it; only what the wording reads is meaningful here. */
function event(action: string, payload: Record<string, unknown>): DossierEvent {
  return {
    seq: 5,
    at: new Date('2026-03-02T02:00:00Z'),
    actorId: 'p1',
    actorKind: 'officer',
    agencyCode: 'H55.02',
    clockEffect: 'none',
    status: { from: 'IN_PROCESS', to: 'TRANSFERRED' },
    due: { before: null, after: null },
    legalDue: { before: null, after: null },
    stepDue: { before: null, after: null },
    charge: null,
    pausedMinutes: 0,
    form: null,
    action,
    payload,
  } as unknown as DossierEvent;
}

describe('history wording', () => {
  it('says where a dossier was transferred and why, in both languages', () => {
    const e = event('TRANSFER', { toAgencyCode: 'H55.03', reason: 'Lấy ý kiến về hiện trạng đất' });
    expect(eventDetail(e)).toEqual({ vi: 'Chuyển đến: H55.03. Lý do: Lấy ý kiến về hiện trạng đất.', en: 'To: H55.03. Reason: Lấy ý kiến về hiện trạng đất.' });
    const entry = historyEntry(e, 'Trần Văn Hùng');
    expect(entry.text.vi).toMatch(/^Trần Văn Hùng: .+\(H55\.02\)\. Trạng thái: .+\. Chuyển đến: H55\.03\. Lý do: Lấy ý kiến về hiện trạng đất\.$/);
    expect(entry.text.en).toMatch(/To: H55\.03\. Reason: Lấy ý kiến về hiện trạng đất\.$/);
  });

  it('lists every reason of a refusal and adds nothing when the payload has none', () => {
    expect(eventDetail(event('REFUSE_TO_SETTLE', { reasons: ['Không đủ điều kiện', ' ', 'Hồ sơ giả mạo'] }))?.vi).toBe('Lý do: Không đủ điều kiện; Hồ sơ giả mạo.');
    expect(eventDetail(event('PROCESS_STEP', { note: 'x' }))).toBeNull();
  });
});

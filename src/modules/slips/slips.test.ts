import { describe, expect, it } from 'vitest';
import { vnTime } from '../calendar/index.js';
import { Action, Channel, controlSlipRows } from '../dossiers/domain/index.js';
import { approver, DAY, HOUR, MINUTE, reception, samplePayload, specialist, start, step, T0, walk, type Walk } from '../dossiers/domain/fixtures.test-support.js';
import { buildSlip, buildTrackingBook, controlSlipLines, SlipNotIssued, trackingUrl, type SlipSource } from './slip-content.js';
import { issuedSlips, parseSlipKind, SlipKind, slipFormSet, slipsFor } from './slip-forms.js';
import { renderSlipPdf } from './slip-pdf.js';
import { readPdf } from './pdf.test-support.js';
import { contentDisposition, durationWords, vnDateTimeWords, vnDateWords, workingMinutesWords } from './vietnamese-text.js';

const sourceOf = (w: Walk, over: Partial<SlipSource> = {}): SlipSource => ({
  dossierId: '8f7a2c1e-0000-4000-8000-000000000001',
  procedure: { code: '2.001035', name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản' },
  components: [
    { name: 'Dự thảo hợp đồng, giao dịch', originals: 1, copies: 0 },
    { name: 'Bản sao giấy tờ tùy thân', originals: 0, copies: 1 },
  ],
  applicant: { name: 'Nguyễn Văn An', personalId: '019090001234', address: 'Tổ 5, phường Phan Đình Phùng', phone: '0912000001', email: null },
  representative: null,
  events: w.events,
  agencies: {
    'H15.01': { code: 'H15.01', name: 'Trung tâm Phục vụ hành chính công tỉnh', parentName: 'Ủy ban nhân dân tỉnh', place: 'Thái Nguyên' },
    'H15.50.05.13': { code: 'H15.50.05.13', name: 'Sở Tư pháp', parentName: 'Ủy ban nhân dân tỉnh', place: 'Thái Nguyên' },
  },
  people: { 'reception@desk': 'Lê Thu Hà', 'specialist@lead': 'Phạm Minh Đức', 'approver@lead': 'Hoàng Văn Thắng' },
  publicUrl: 'https://dichvucong.example.vn',
  ...over,
});

const fieldValue = (doc: ReturnType<typeof buildSlip>, label: string) =>
  doc.blocks.find((b): b is Extract<typeof b, { type: 'field' }> => b.type === 'field' && b.label === label)?.value;

describe('Vietnamese words for instants and durations', () => {
  it.each([
    ['2026-03-02T01:30:00Z', '08 giờ 30 phút, ngày 02 tháng 03 năm 2026'],
    // 00:30 in Viet Nam is still the previous day in UTC.
    ['2026-03-04T17:30:00Z', '00 giờ 30 phút, ngày 05 tháng 03 năm 2026'],
    ['2025-12-31T17:00:00Z', '00 giờ 00 phút, ngày 01 tháng 01 năm 2026'],
    ['2026-11-20T09:45:00Z', '16 giờ 45 phút, ngày 20 tháng 11 năm 2026'],
  ])('%s → %s', (iso, words) => {
    expect(vnDateTimeWords(new Date(iso))).toBe(words);
  });

  it('writes dates, durations and held time the way the forms do', () => {
    expect(vnDateWords(vnTime(2025, 9, 15, 23, 59))).toBe('ngày 15 tháng 09 năm 2025');
    expect(durationWords({ unit: 'working_days', value: 3 })).toBe('03 ngày làm việc');
    expect(durationWords({ unit: 'working_hours', value: 4 })).toBe('4 giờ làm việc');
    expect(durationWords({ unit: 'calendar_days', value: 15 })).toBe('15 ngày');
    expect(durationWords({ unit: 'same_day' })).toBe('trong ngày');
    expect(workingMinutesWords(750)).toBe('12 giờ 30 phút');
    expect(workingMinutesWords(45)).toBe('45 phút');
  });

  it('gives an inline Content-Disposition with an ASCII fallback and the RFC 5987 Vietnamese name', () => {
    const h = contentDisposition('Giấy tiếp nhận hồ sơ (bản 1) - H55.01-260302-0001.pdf');
    expect(h).toMatch(/^inline; filename="Giay tiep nhan ho so \(ban 1\) - H55\.01-260302-0001\.pdf"; filename\*=UTF-8''/);
    const encoded = h.split("filename*=UTF-8''")[1]!;
    expect(encoded).not.toMatch(/[\s()'*"]/);
    expect(decodeURIComponent(encoded)).toBe('Giấy tiếp nhận hồ sơ (bản 1) - H55.01-260302-0001.pdf');
  });
});

describe('choice of the circular by the receipt date', () => {
  it.each([
    ['received the day before Decree 118, printed the same day', vnTime(2025, 6, 30, 16), vnTime(2025, 6, 30, 16), 'circular-01-2018'],
    ['received before 1/7/2025, printed after Circular 03 exists', vnTime(2025, 6, 30, 16), vnTime(2025, 10, 1, 9), 'circular-01-2018'],
    ['received on 1/7/2025, before Circular 03 was signed', vnTime(2025, 7, 1, 8), vnTime(2025, 7, 1, 8), 'circular-01-2018'],
    ['received in August 2025, slip issued once Circular 03 applies', vnTime(2025, 8, 1, 8), vnTime(2025, 9, 15, 0), 'circular-03-2025'],
    ['received in August 2025, slip issued the day before', vnTime(2025, 8, 1, 8), vnTime(2025, 9, 14, 23, 59), 'circular-01-2018'],
    ['received in 2026', vnTime(2026, 3, 2, 8), vnTime(2026, 3, 2, 8), 'circular-03-2025'],
  ])('%s', (_label, receivedAt, issuedAt, expected) => {
    expect(slipFormSet(receivedAt, issuedAt).id).toBe(expected);
  });

  it('uses the issue date for a dossier never received', () => {
    expect(slipFormSet(null, vnTime(2024, 5, 6, 9)).id).toBe('circular-01-2018');
    expect(slipFormSet(null, vnTime(2026, 1, 5, 9)).id).toBe('circular-03-2025');
  });

  it('prints the form number and title of the chosen set', () => {
    const old = buildSlip(sourceOf(walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD], Channel.ONLINE, vnTime(2025, 3, 3, 8))), SlipKind.CONTROL_SLIP);
    expect(old).toMatchObject({ formSet: 'circular-01-2018', formLabel: 'Mẫu số 05 – Thông tư số 01/2018/TT-VPCP', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' });
    const current = buildSlip(sourceOf(walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD])), SlipKind.CONTROL_SLIP);
    expect(current).toMatchObject({ formSet: 'circular-03-2025', formLabel: 'Mẫu số 06 – Thông tư số 03/2025/TT-VPCP' });
  });
});

describe('which slips a dossier has', () => {
  it('lists the slips its history issued; the applicant does not get the control slip', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.REQUEST_SUPPLEMENT, Action.RECEIVE_SUPPLEMENT, Action.ISSUE_APOLOGY, Action.SUBMIT_FOR_APPROVAL]);
    const slips = issuedSlips(w.events);
    expect(slips.map((s) => s.kind)).toEqual(['receipt', 'control_slip', 'supplement_request', 'apology_extension']);
    expect(slipsFor(slips, 'applicant').map((s) => s.kind)).toEqual(['receipt', 'supplement_request', 'apology_extension']);
    expect(slipsFor(slips, 'officer')).toHaveLength(4);
  });

  it('reads kinds from URL segments and refuses unknown ones', () => {
    expect(parseSlipKind('supplement-request')).toBe('supplement_request');
    expect(parseSlipKind('CONTROL_SLIP')).toBe('control_slip');
    expect(parseSlipKind('tracking_book')).toBeNull();
    expect(parseSlipKind('payment_request')).toBeNull();
    expect(parseSlipKind('nonsense')).toBeNull();
  });

  it('refuses a slip the history never issued, naming the ones it did', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD]);
    const attempt = () => buildSlip(sourceOf(w), SlipKind.APOLOGY_EXTENSION);
    expect(attempt).toThrow(SlipNotIssued);
    try {
      attempt();
    } catch (e) {
      expect((e as SlipNotIssued).available.map((s) => s.kind)).toEqual(['receipt', 'control_slip']);
    }
    expect(() => buildSlip(sourceOf(w), SlipKind.RECEIPT, 99)).toThrow(SlipNotIssued);
  });
});

describe('content of the slips', () => {
  it('receipt: code, applicant, papers, time limit, receipt and due instants in words, signatures, QR', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE]);
    const doc = buildSlip(sourceOf(w), SlipKind.RECEIPT);
    const code = w.state.dossierCode!;
    expect(doc.subtitle).toEqual([`Mã hồ sơ: ${code}`]);
    expect(doc.title).toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(doc.placeAndDate).toBe('Thái Nguyên, ngày 02 tháng 03 năm 2026');
    expect(fieldValue(doc, 'Tên tổ chức, cá nhân')).toBe('Nguyễn Văn An');
    expect(fieldValue(doc, '3. Thời gian giải quyết hồ sơ theo quy định')).toBe('05 ngày làm việc');
    expect(fieldValue(doc, '4. Thời gian nhận hồ sơ')).toBe(vnDateTimeWords(w.state.receivedAt!));
    expect(fieldValue(doc, '5. Thời gian trả kết quả giải quyết hồ sơ')).toBe(vnDateTimeWords(w.state.due!));
    expect(doc.blocks).toContainEqual(expect.objectContaining({ type: 'table', rows: [['1', 'Dự thảo hợp đồng, giao dịch', '1', '0'], ['2', 'Bản sao giấy tờ tùy thân', '0', '1']] }));
    expect(doc.signatures.map((s) => s.name)).toEqual(['Nguyễn Văn An', 'Lê Thu Hà']);
    expect(doc.qr?.payload).toBe(`https://dichvucong.example.vn/tra-cuu?ma=${code}`);
    expect(doc.fileName).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả - ${code}.pdf`);
  });

  it('supplement request before receipt: no code yet, so no QR; items and reasons listed', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.REQUEST_SUPPLEMENT]);
    const doc = buildSlip(sourceOf(w), SlipKind.SUPPLEMENT_REQUEST);
    expect(doc.qr).toBeNull();
    expect(doc.subtitle[0]).toContain('chưa cấp');
    expect(doc.blocks).toContainEqual(expect.objectContaining({ type: 'table', rows: [['1', 'TP01', 'Bản sao chưa được chứng thực']] }));
    expect(doc.signatures[0]).toMatchObject({ title: 'NGƯỜI HƯỚNG DẪN', name: 'Lê Thu Hà' });
  });

  it('refusal lists the reasons; stop notice names the ground', () => {
    const refused = buildSlip(sourceOf(walk([Action.SUBMIT_ONLINE, Action.REFUSE_RECEPTION])), SlipKind.REFUSAL);
    expect(refused.blocks).toContainEqual({ type: 'list', items: ['Không thuộc thẩm quyền giải quyết'] });
    const stopped = buildSlip(sourceOf(walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.STOP_PROCESSING])), SlipKind.STOP_NOTICE);
    expect(fieldValue(stopped, 'Căn cứ')).toBe('Căn cứ khác theo quy định của pháp luật chuyên ngành');
    expect(stopped).toMatchObject({ formLabel: 'Mẫu số 05 – Thông tư số 03/2025/TT-VPCP', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' });
  });

  it('apology: the old and the new appointment in words; 2025 title asks for an extension, 2018 sets a new date', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.ISSUE_APOLOGY]);
    const doc = buildSlip(sourceOf(w), SlipKind.APOLOGY_EXTENSION);
    expect(doc.title).toBe('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    const e = w.events.at(-1)!;
    expect(fieldValue(doc, 'Thời gian hẹn trả kết quả')).toBe(vnDateTimeWords(e.due.before!));
    expect(doc.blocks).toContainEqual({ type: 'paragraph', text: vnDateTimeWords(w.state.apology!.newDue), bold: true });
    const old = buildSlip(sourceOf(walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.ISSUE_APOLOGY], Channel.ONLINE, vnTime(2025, 3, 3, 8))), SlipKind.APOLOGY_EXTENSION);
    expect(old.title).toBe('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
  });
});

describe('control slip: each hand-over with its budget and result', () => {
  /** Reception (budget 1 working day) ends early, assessment (4 working hours) on time, approval (1 working hour) late. */
  function handOvers(): Walk {
    let w = start(Channel.ONLINE, T0);
    w = step(w, Action.SUBMIT_ONLINE);
    const receivedAt = new Date(w.now.getTime() + 30 * MINUTE); // Mon 09:00
    w = step(w, Action.RECEIVE, { actor: reception, payload: { ...samplePayload(Action.RECEIVE, w.state, receivedAt), stepBudget: { unit: 'working_days', value: 1 } } });
    w = step(w, Action.FORWARD, { actor: reception, stepMs: 30 * MINUTE, payload: { assigneeId: 'specialist@lead', stepName: 'Thẩm định', stepBudget: { unit: 'working_hours', value: 4 } } });
    w = step(w, Action.SUBMIT_FOR_APPROVAL, { actor: specialist, stepMs: 2 * HOUR, payload: { approverId: 'approver@lead', stepBudget: { unit: 'working_hours', value: 1 } } });
    w = step(w, Action.APPROVE, { actor: approver, stepMs: 2 * DAY });
    w = step(w, Action.RECORD_RESULT, { actor: specialist });
    return step(w, Action.RETURN_RESULT, { actor: reception });
  }

  it('classifies steps early / on time / late, as the domain did, with budgets and persons', () => {
    const w = handOvers();
    const lines = controlSlipLines(w.events, { 'reception@desk': 'Lê Thu Hà', 'specialist@lead': 'Phạm Minh Đức', 'approver@lead': 'Hoàng Văn Thắng' });
    expect(lines.map((l) => l.result)).toEqual(['early', 'on_time', 'late', null, null]);
    expect(lines.map((l) => l.stepBudget)).toEqual([
      { unit: 'working_days', value: 1 },
      { unit: 'working_hours', value: 4 },
      { unit: 'working_hours', value: 1 },
      null,
      null,
    ]);
    // The results are the domain's own (controlSlipRows), not recomputed.
    const rows = controlSlipRows(w.events);
    expect(lines.slice(0, -1).map((l) => l.result)).toEqual(rows.slice(1).map((r) => r.endedStep?.result ?? null));
    expect(lines[1]).toMatchObject({ stepName: 'Thẩm định', from: { agencyCode: 'H15.01', person: 'Lê Thu Hà' }, to: { agencyCode: 'H15.50.05.13', person: 'Phạm Minh Đức' } });
    expect(lines[0]!.from).toEqual({ agencyCode: '', person: null });
    expect(lines.at(-1)!.doneAt).toEqual(w.events.at(-1)!.at);
  });

  it('prints the table with Vietnamese results and the outcome of the dossier', () => {
    const doc = buildSlip(sourceOf(handOvers()), SlipKind.CONTROL_SLIP);
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => r.at(-1))).toEqual(['Trước hạn', 'Đúng hạn', 'Quá hạn', '', '']);
    expect(table?.type === 'table' && table.rows[0]![1]).toBe('Người nộp hồ sơ: Nguyễn Văn An');
    expect(table?.type === 'table' && table.rows[1]![4]).toBe('4 giờ làm việc');
    expect(fieldValue(doc, 'Kết quả giải quyết hồ sơ')).toBe('Trước hạn');
    expect(doc.layout).toBe('landscape');
  });
});

describe('tracking book', () => {
  it('lists the entries in receipt order with the period', () => {
    const agency = { code: 'H15.01', name: 'Trung tâm Phục vụ hành chính công tỉnh', parentName: null, place: 'Thái Nguyên' };
    const entry = (code: string, at: Date) => ({
      code,
      procedureName: 'Cấp phiếu lý lịch tư pháp',
      applicantName: 'Trần Thị Bình',
      applicantContact: null,
      competentAgencyName: 'Sở Tư pháp',
      receivedAt: at,
      dueAt: null,
      returnedAt: null,
      status: { vi: 'Đã tiếp nhận', en: 'Received' },
    });
    const doc = buildTrackingBook({ agency, from: '2026-03-01', to: '2026-03-31', printedAt: vnTime(2026, 4, 1, 9), entries: [entry('B', vnTime(2026, 3, 5, 9)), entry('A', vnTime(2026, 3, 2, 9))] });
    expect(doc).toMatchObject({ formLabel: 'Mẫu số 07 – Thông tư số 03/2025/TT-VPCP', title: 'SỔ THEO DÕI HỒ SƠ', subtitle: ['Từ ngày 01/03/2026 đến ngày 31/03/2026', 'Số hồ sơ: 2'] });
    const table = doc.blocks[0]!;
    expect(table.type === 'table' && table.rows.map((r) => r[1])).toEqual(['A', 'B']);
    const old = buildTrackingBook({ agency, from: '2025-01-01', to: '2025-01-31', printedAt: vnTime(2026, 4, 1, 9), entries: [] });
    expect(old.formLabel).toBe('Mẫu số 06 – Thông tư số 01/2018/TT-VPCP');
  });
});

describe('PDF rendering', () => {
  it('embeds a font with Vietnamese glyphs (text reads back exactly) and a QR code that opens the tracking page', async () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE]);
    const doc = buildSlip(sourceOf(w), SlipKind.RECEIPT);
    const pdf = await renderSlipPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(pdf);
    expect(read.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(read.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(read.text).toContain(w.state.dossierCode!);
    expect(read.text).toContain('Nguyễn Văn An');
    expect(read.text).toContain(vnDateTimeWords(w.state.due!));
    expect(read.text).toContain('Ký và ghi rõ họ tên');
    expect(read.qrCodes).toEqual([trackingUrl('https://dichvucong.example.vn', w.state.dossierCode!)]);
  }, 60_000);
});

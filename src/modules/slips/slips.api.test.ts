import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { readPdf } from './pdf.test-support.js';
import { vnDateTimeWords } from './vietnamese-text.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'motcua.tichluong', 'chuyenvien.tuphap', 'lanhdao.tuphap', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number] | 'anonymous';
const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

let n = 0;
const key = () => `slips-test-${Date.now()}-${++n}`;
const PROCEDURE = '3.950002';

beforeAll(async () => {
  t = await startTestApp();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp phiếu lý lịch tư pháp cho công dân Việt Nam (thử nghiệm)',
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] },
      ],
      components: [
        { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', originals: 1, copies: 0, required: true },
        { name: 'Bản chụp giấy tờ tùy thân', originals: 0, copies: 1, required: true },
      ],
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
});
afterAll(async () => t?.close());

const file = (who: Who) =>
  t.call('POST', '/api/v1/dossiers', { token: as(who), headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: {} } });

async function act(who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) {
  const r = await t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: as(who), headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: payload });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/** The raw response of a PDF route. */
async function getPdf(path: string, who: Who) {
  const token = as(who);
  const res = await fetch(t.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = () => JSON.parse(Buffer.from(bytes).toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, json };
}

const vnDay = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A dossier filed online by congdan.an and received at the provincial centre. */
async function received() {
  const filed = await file('congdan.an');
  expect(filed.status).toBe(201);
  return act('motcua.tinh', filed.body.id, 'RECEIVE', filed.body.version);
}

describe(`slips of a dossier driven through its life cycle (${TEST_DB})`, () => {
  let code: string;
  let receipt: { dueAt: string };
  let apologyDue: Date;

  beforeAll(async () => {
    const r = await received();
    code = r.code;
    receipt = r;
    let d = await act('motcua.tinh', code, 'FORWARD', r.version, { stepName: 'Thẩm định hồ sơ', stepBudget: { unit: 'working_days', value: 2 } });
    d = await act('chuyenvien.tuphap', code, 'REQUEST_SUPPLEMENT', d.version, { items: [{ componentCode: 'CCCD', reason: 'Bản chụp căn cước bị mờ, không đọc được số định danh' }] });
    d = await act('congdan.an', code, 'RECEIVE_SUPPLEMENT', d.version, { items: [{ componentCode: 'CCCD' }] });
    apologyDue = new Date(new Date(d.dueAt).getTime() + 3 * 86_400_000);
    d = await act('lanhdao.tuphap', code, 'ISSUE_APOLOGY', d.version, { reason: 'Cần xác minh thông tin tại cơ quan công an', newDue: apologyDue.toISOString() });
    d = await act('chuyenvien.tuphap', code, 'SUBMIT_FOR_APPROVAL', d.version, { stepBudget: { unit: 'working_hours', value: 8 } });
    d = await act('lanhdao.tuphap', code, 'APPROVE', d.version);
    d = await act('chuyenvien.tuphap', code, 'RECORD_RESULT', d.version, { documentNumber: '15/PLL-STP', summary: 'Phiếu lý lịch tư pháp số 1' });
    await act('motcua.tinh', code, 'RETURN_RESULT', d.version, { method: 'desk', receiverName: 'Nguyễn Văn An' });
  });

  it('lists every slip to the officers and the applicant’s own to the applicant', async () => {
    const officer = await t.call('GET', `/api/v1/dossiers/${code}/slips`, { token: tokens['motcua.tinh'] });
    expect(officer.status).toBe(200);
    expect(officer.body.items.map((s: { kind: string }) => s.kind)).toEqual(['receipt', 'control_slip', 'supplement_request', 'apology_extension']);
    expect(officer.body.items[0]).toMatchObject({ formNumber: '01', circular: { vi: 'Thông tư số 03/2025/TT-VPCP' }, title: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' } });
    const applicant = await t.call('GET', `/api/v1/dossiers/${code}/slips`, { token: tokens['congdan.an'] });
    expect(applicant.body.items.map((s: { kind: string }) => s.kind)).toEqual(['receipt', 'supplement_request', 'apology_extension']);
  });

  it('prints the receipt: code, applicant and due date in Vietnamese, the QR code of the tracking page', async () => {
    const r = await getPdf(`/api/v1/dossiers/${code}/slips/receipt`, 'congdan.an');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const disposition = r.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^inline; filename="Giay tiep nhan ho so va hen tra ket qua - [^"]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả - ${code}.pdf`);
    const pdf = await readPdf(r.bytes);
    expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pdf.text).toContain(`Mã hồ sơ: ${code}`);
    expect(pdf.text).toContain('Nguyễn Văn An');
    expect(pdf.text).toContain(`Thời gian trả kết quả giải quyết hồ sơ: ${vnDateTimeWords(new Date(receipt.dueAt))}`);
    expect(pdf.text).toContain('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');
    expect(pdf.text).toContain('Lê Thu Hà');
    expect(pdf.text).toContain('Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên');
    expect(pdf.qrCodes).toEqual([`${t.config.publicUrl}/tra-cuu?ma=${code}`]);
  }, 60_000);

  it('prints the supplement request, the apology with the new date and the control slip with results', async () => {
    const supplement = await readPdf((await getPdf(`/api/v1/dossiers/${code}/slips/supplement-request`, 'congdan.an')).bytes);
    expect(supplement.text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(supplement.text).toContain('Bản chụp căn cước bị mờ, không đọc được số định danh');
    expect(supplement.text).toContain('Phạm Minh Đức');

    const apology = await readPdf((await getPdf(`/api/v1/dossiers/${code}/slips/apology_extension`, 'congdan.an')).bytes);
    expect(apology.text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(apology.text).toContain(vnDateTimeWords(apologyDue));
    expect(apology.text).toContain('Cần xác minh thông tin tại cơ quan công an');
    expect(apology.text).toContain(code);

    // After the result went back to the desk, the desk holds the dossier (same visibility as GET /dossiers/:code).
    const control = await getPdf(`/api/v1/dossiers/${code}/slips/control-slip`, 'motcua.tinh');
    expect(control.status).toBe(200);
    const c = await readPdf(control.bytes);
    expect(c.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(c.text).toContain('Sở Tư pháp tỉnh Thái Nguyên');
    expect(c.text).toContain('02 ngày làm việc');
    expect(c.text).toMatch(/Trước hạn|Đúng hạn|Quá hạn/);
    expect(c.qrCodes).toEqual([`${t.config.publicUrl}/tra-cuu?ma=${code}`]);

    const audited = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'dossier.slip.print').execute();
    expect(audited.map((a) => a.actor_name)).toEqual(expect.arrayContaining(['congdan.an', 'motcua.tinh']));
  }, 120_000);
});

describe(`refusal and stop notice (${TEST_DB})`, () => {
  it('prints the refusal of a dossier never received (by its id, no QR) and the stop notice of a withdrawn one', async () => {
    const filed = await file('congdan.an');
    await act('motcua.tinh', filed.body.id, 'REFUSE_RECEPTION', filed.body.version, { reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan'] });
    const refusal = await getPdf(`/api/v1/dossiers/${filed.body.id}/slips/refusal`, 'congdan.an');
    expect(refusal.status).toBe(200);
    const text = await readPdf(refusal.bytes);
    expect(text.text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text.text).toContain('Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan');
    expect(text.text).toContain('Nguyễn Văn An');
    expect(text.qrCodes).toEqual([]);

    const r = await received();
    await act('congdan.an', r.code, 'WITHDRAW', r.version, { reason: 'Không còn nhu cầu sử dụng' });
    const stop = await readPdf((await getPdf(`/api/v1/dossiers/${r.code}/slips/stop-notice`, 'congdan.an')).bytes);
    expect(stop.text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stop.text).toContain('Không còn nhu cầu sử dụng');
    expect(stop.qrCodes).toEqual([`${t.config.publicUrl}/tra-cuu?ma=${r.code}`]);
  }, 120_000);
});

describe(`slip routes: refusals and access (${TEST_DB})`, () => {
  let code: string;
  beforeAll(async () => {
    const r = await received();
    code = (await act('motcua.tinh', r.code, 'FORWARD', r.version)).code;
  });

  it('answers unknown kinds 404, slips never issued 409, the control slip to the applicant 403', async () => {
    const unknown = await getPdf(`/api/v1/dossiers/${code}/slips/tracking-book`, 'motcua.tinh');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'SLIP_KIND_UNKNOWN', message: { vi: expect.stringContaining('Không có loại phiếu') } });
    const never = await getPdf(`/api/v1/dossiers/${code}/slips/apology-extension`, 'motcua.tinh');
    expect(never.status).toBe(409);
    expect(never.json()).toMatchObject({ code: 'SLIP_NOT_ISSUED', details: { kind: 'apology_extension', available: [{ kind: 'receipt' }, { kind: 'control_slip' }] } });
    const wrongSeq = await getPdf(`/api/v1/dossiers/${code}/slips/receipt?seq=1`, 'motcua.tinh');
    expect(wrongSeq.status).toBe(409);
    const badSeq = await getPdf(`/api/v1/dossiers/${code}/slips/receipt?seq=abc`, 'motcua.tinh');
    expect(badSeq.status).toBe(400);
    const internal = await getPdf(`/api/v1/dossiers/${code}/slips/control_slip`, 'congdan.an');
    expect(internal.status).toBe(403);
    expect(internal.json().code).toBe('SLIP_NOT_FOR_APPLICANT');
  });

  it.each<[Who, number]>([
    ['anonymous', 401],
    ['congdan.binh', 404], // not the applicant
    ['motcua.tichluong', 404], // another agency's desk
    ['kiemsoat.tinh', 404], // no dossier role
    ['congdan.an', 200],
    ['motcua.tinh', 200], // the receiving desk
    ['chuyenvien.tuphap', 200], // the competent agency holds it
    ['lanhdao.tuphap', 200],
  ])('GET receipt as %s → %i', async (who, status) => {
    const r = await getPdf(`/api/v1/dossiers/${code}/slips/receipt`, who);
    expect(r.status).toBe(status);
    const list = await t.call('GET', `/api/v1/dossiers/${code}/slips`, { token: as(who) });
    expect(list.status).toBe(status);
  });
});

describe(`tracking book (${TEST_DB})`, () => {
  it('prints the dossiers a desk received in a period, for its reception officers only, audited', async () => {
    const a = await received();
    const b = await received();
    const day = vnDay(a.receivedAt);
    const path = `/api/v1/agencies/H55.01/tracking-book?from=${day}&to=${vnDay(b.receivedAt)}`;
    const r = await getPdf(path, 'motcua.tinh');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(r.headers.get('content-disposition')!.split("filename*=UTF-8''")[1]!)).toMatch(/^Sổ theo dõi hồ sơ - H55\.01 - /);
    const pdf = await readPdf(r.bytes);
    expect(pdf.text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pdf.text).toContain(a.code);
    expect(pdf.text).toContain(b.code);
    expect(pdf.text).toContain('Nguyễn Văn An');
    expect(pdf.text).toContain('Sở Tư pháp tỉnh Thái Nguyên');
    const audited = await t.database.db.selectFrom('audit_log').select(['entity_id', 'data']).where('action', '=', 'dossier.tracking_book.print').execute();
    expect(audited.at(-1)).toMatchObject({ entity_id: 'H55.01' });

    for (const [who, status] of [
      ['anonymous', 401],
      ['congdan.an', 403],
      ['chuyenvien.tuphap', 403], // no reception role
      ['motcua.tichluong', 404], // reception of another desk
    ] as const) {
      expect((await getPdf(path, who)).status, who).toBe(status);
    }
    const reversed = await getPdf(`/api/v1/agencies/H55.01/tracking-book?from=2026-03-10&to=2026-03-01`, 'motcua.tinh');
    expect(reversed.status).toBe(400);
    expect(reversed.json().code).toBe('TRACKING_BOOK_RANGE_INVALID');
    expect((await getPdf(`/api/v1/agencies/H55.01/tracking-book?from=2024-01-01&to=2026-01-01`, 'motcua.tinh')).json().code).toBe('TRACKING_BOOK_RANGE_INVALID');
    expect((await getPdf(`/api/v1/agencies/H55.01/tracking-book?from=ngay-mot&to=2026-01-01`, 'motcua.tinh')).json().code).toBe('VALIDATION_FAILED');
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { addWorkingTime, resumeClock, type WorkingCalendar } from '../calendar/index.js';
import { CalendarProvider, toWorkingHoursSpec, type StoredWorkingHours } from '../calendar/calendar.store.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = [
  'congdan.an',
  'congdan.binh',
  'motcua.tinh',
  'motcua.tinh2',
  'motcua.tichluong',
  'chuyenvien.tuphap',
  'lanhdao.tuphap',
  'chuyenvien.nnmt',
  'kiemsoat.tinh',
] as const;
type Who = (typeof USERS)[number] | 'anonymous';
const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

let seq = 0;
const key = () => `dossier-test-${Date.now()}-${++seq}`;
const PROCEDURE = '3.950001';
const FORM = { hoTen: 'Nguyễn Văn An', namSinh: 1990 };
let calendar: WorkingCalendar;
let binhId: string;

beforeAll(async () => {
  t = await startTestApp();
  // A second reception officer at the provincial centre, for the concurrency test.
  const id = randomUUID();
  await t.database.db.insertInto('people').values({ id, kind: 'officer', username: 'motcua.tinh2', full_name: 'Phan Thị Hoa', personal_id: null, tax_code: null, email: null, phone: null, date_of_birth: null, address: null }).execute();
  await t.database.db.insertInto('officer_roles').values({ person_id: id, agency_code: 'H55.01', role: 'reception' }).execute();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);

  // A published procedure: received at the provincial centre (H55.01), settled by the Department of Justice (H55.02), 3 working days.
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp phiếu lý lịch tư pháp (thử nghiệm)',
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: {
        competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] },
        receiving: { text: null, codes: ['H55.01'] },
        coordinating: { text: 'Sở Nông nghiệp và Môi trường', codes: ['H55.03'] },
      },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] },
      ],
      formSchema: {
        type: 'object',
        required: ['hoTen'],
        properties: { hoTen: { type: 'string', minLength: 1 }, namSinh: { type: 'integer', minimum: 1900 } },
        additionalProperties: false,
      },
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);

  const agency = await t.database.db.selectFrom('agencies').select('working_hours').where('code', '=', 'H55.01').executeTakeFirstOrThrow();
  calendar = await new CalendarProvider(t.database.db).get(toWorkingHoursSpec(agency.working_hours as StoredWorkingHours | null));
  binhId = (await t.call('GET', '/api/v1/people/lookup?personalId=019185004321', { token: tokens['motcua.tinh'] })).body.id;
});
afterAll(async () => t?.close());

const file = (who: Who, body: Record<string, unknown> = {}, k = key()) =>
  t.call('POST', '/api/v1/dossiers', { token: as(who), headers: { 'idempotency-key': k }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: FORM, ...body } });

const act = (who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}, k = key()) =>
  t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: as(who), headers: { 'if-match': `"${version}"`, 'idempotency-key': k }, body: payload });

const history = async (ref: string) => (await t.call('GET', `/api/v1/dossiers/${ref}/history`, { token: tokens['motcua.tinh'] })).body;

/** A dossier submitted online by congdan.an, then moved along the happy path up to `until`. */
async function given(until: 'SUBMITTED' | 'RECEIVED' | 'IN_PROCESS'): Promise<{ id: string; ref: string; version: number; body: any }> {
  const r = await file('congdan.an');
  expect(r.status).toBe(201);
  let body = r.body;
  if (until === 'SUBMITTED') return { id: body.id, ref: body.id, version: body.version, body };
  body = (await act('motcua.tinh', body.id, 'RECEIVE', body.version)).body;
  if (until === 'IN_PROCESS') body = (await act('motcua.tinh', body.code, 'FORWARD', body.version)).body;
  return { id: body.id, ref: body.code, version: body.version, body };
}

const dossierCount = async () => Number((await t.database.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe(`dossiers: online submission to resumed processing (${TEST_DB})`, () => {
  it('submits online, receives at the desk with the due date of the calendar, asks for a supplement and resumes', async () => {
    const submitted = await file('congdan.an');
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', code: null, channel: 'online', receivingAgencyCode: 'H55.01', competentAgencyCode: 'H55.02', procedure: { code: PROCEDURE, version: 1 } });
    expect(submitted.body.availableActions).toEqual(['WITHDRAW']);
    const id = submitted.body.id;

    const inbox = await t.call('GET', '/api/v1/dossiers?box=to_receive', { token: tokens['motcua.tinh'] });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect((await t.call('GET', '/api/v1/dossiers?box=to_receive', { token: tokens['motcua.tichluong'] })).body.items).toEqual([]);

    const received = await act('motcua.tinh', id, 'RECEIVE', submitted.body.version);
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('RECEIVED');
    expect(received.body.nationalStatus).toBe(2);
    expect(received.body.code).toMatch(/^H55\.01-\d{6}-\d{4}$/);
    const receivedAt = new Date(received.body.receivedAt);
    expect(received.body.dueAt).toBe(addWorkingTime(receivedAt, { unit: 'working_days', value: 3 }, calendar).due.toISOString());
    const code = received.body.code;
    expect(received.headers.get('etag')).toBe(`"${received.body.version}"`);

    // By code, for the applicant and the desk; the code is also what the public lookup takes.
    expect((await t.call('GET', `/api/v1/dossiers/${code}`, { token: tokens['congdan.an'] })).body.id).toBe(id);
    const forwarded = await act('motcua.tinh', code, 'FORWARD', received.body.version);
    expect(forwarded.body).toMatchObject({ status: 'IN_PROCESS', holderAgencyCode: 'H55.02' });
    const toProcess = await t.call('GET', '/api/v1/dossiers?box=to_process', { token: tokens['chuyenvien.tuphap'] });
    expect(toProcess.body.items.map((d: { id: string }) => d.id)).toContain(id);

    const requested = await act('chuyenvien.tuphap', code, 'REQUEST_SUPPLEMENT', forwarded.body.version, { items: [{ componentCode: 'CCCD', reason: 'Bản sao căn cước bị mờ' }] });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ status: 'AWAITING_SUPPLEMENT', nationalStatus: 5, openSupplement: { round: 1, items: [{ componentCode: 'CCCD' }] } });
    expect(requested.body.pausedSince).not.toBeNull();

    // Answering an item never requested is refused and writes nothing.
    const wrong = await act('congdan.an', code, 'RECEIVE_SUPPLEMENT', requested.body.version, { items: [{ componentCode: 'KHAC' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'DOSSIER_SUPPLEMENT_ITEM_NOT_REQUESTED', details: { componentCodes: ['KHAC'] } });
    expect((await history(code)).items).toHaveLength(5);

    const resumed = await act('congdan.an', code, 'RECEIVE_SUPPLEMENT', requested.body.version, { items: [{ componentCode: 'CCCD', note: 'Bản rõ' }] });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'IN_PROCESS', pausedSince: null, openSupplement: null, supplementRounds: 1 });
    const h = await history(code);
    expect(h.items.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SUBMIT_ONLINE', 'RECEIVE', 'FORWARD', 'REQUEST_SUPPLEMENT', 'RECEIVE_SUPPLEMENT']);
    // The due date moved by exactly the working time the clock was paused.
    const pausedAt = new Date(h.items[4].at);
    const resumedAt = new Date(h.items[5].at);
    const expected = resumeClock({ due: new Date(requested.body.dueAt), pausedAt, pausedWorkingMinutes: 0 }, resumedAt, calendar).due;
    expect(resumed.body.dueAt).toBe(expected.toISOString());
    expect(new Date(resumed.body.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(requested.body.dueAt).getTime());
    expect(h.items[2]).toMatchObject({ action: 'RECEIVE', label: { vi: 'Tiếp nhận hồ sơ', en: 'Receive dossier' }, actor: { kind: 'officer', name: 'Lê Thu Hà', agencyCode: 'H55.01' }, form: { type: 'receipt' } });
    expect(h.items[2].text.vi).toMatch(/Lê Thu Hà: tiếp nhận hồ sơ \(H55\.01\)\. Trạng thái: /);

    // Every step is in the audit trail.
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'dossier').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audited.map((a) => a.action)).toEqual(['dossier.create', 'dossier.submit_online', 'dossier.receive', 'dossier.forward', 'dossier.request_supplement', 'dossier.receive_supplement']);
  });

  it('receives a paper dossier at the desk for an applicant looked up by id: numbered and due at once', async () => {
    const r = await file('motcua.tinh', { receivingAgencyCode: undefined, applicantId: binhId, formData: { hoTen: 'Trần Thị Bình' }, representative: { name: 'Trần Văn Cường', mandate: 'Giấy ủy quyền số 12/2026' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'RECEIVED', channel: 'in_person', applicantId: binhId, representative: { name: 'Trần Văn Cường' } });
    expect(r.body.dueAt).toBe(addWorkingTime(new Date(r.body.receivedAt), { unit: 'working_days', value: 3 }, calendar).due.toISOString());
    expect((await t.call('GET', `/api/v1/dossiers/${r.body.code}`, { token: tokens['congdan.binh'] })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/dossiers/${r.body.code}`, { token: tokens['congdan.an'] })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/dossiers/${r.body.code}`, { token: tokens['motcua.tichluong'] })).status).toBe(404);
    const mine = await t.call('GET', '/api/v1/dossiers', { token: tokens['congdan.binh'] });
    expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([r.body.id]);
  });
});

describe(`dossiers: authorization matrix (${TEST_DB})`, () => {
  it.each<[Who, number]>([
    ['anonymous', 401],
    ['kiemsoat.tinh', 403], // an officer without a dossier role
    ['chuyenvien.tuphap', 403],
    ['motcua.tichluong', 403], // reception of another agency filing at H55.01
    ['congdan.an', 201],
  ])('POST /dossiers as %s → %i', async (who, status) => {
    expect((await file(who, who === 'motcua.tichluong' ? { applicantId: binhId } : {})).status).toBe(status);
  });

  it.each<[Who, number]>([
    ['anonymous', 401],
    ['congdan.binh', 404], // not the applicant
    ['motcua.tichluong', 404], // another agency's desk
    ['chuyenvien.tuphap', 404], // the competent agency does not hold it yet
    ['kiemsoat.tinh', 404],
    ['congdan.an', 403], // the applicant may not receive their own dossier
    ['motcua.tinh', 200],
  ])('RECEIVE a submitted dossier as %s → %i', async (who, status) => {
    const d = await given('SUBMITTED');
    const r = await act(who, d.ref, 'RECEIVE', d.version);
    expect(r.status).toBe(status);
    if (status === 403) expect(r.body).toMatchObject({ code: 'DOSSIER_ACTOR_NOT_PERMITTED', details: { available: ['WITHDRAW'] } });
  });

  it.each<[Who, number]>([
    ['congdan.an', 403],
    ['motcua.tinh', 403], // the desk sees it but does not process it
    ['chuyenvien.nnmt', 404], // a specialist of another department
    ['motcua.tichluong', 404],
    ['chuyenvien.tuphap', 200],
    ['lanhdao.tuphap', 200],
  ])('REQUEST_SUPPLEMENT in process as %s → %i', async (who, status) => {
    const d = await given('IN_PROCESS');
    const r = await act(who, d.ref, 'REQUEST_SUPPLEMENT', d.version, { items: [{ componentCode: 'CCCD', reason: 'Thiếu' }] });
    expect(r.status).toBe(status);
  });
});

describe(`dossiers: concurrency, idempotency and refusals (${TEST_DB})`, () => {
  it('lets exactly one of two officers acting on the same version win; the other gets 409 with what is left', async () => {
    const d = await given('SUBMITTED');
    const [a, b] = await Promise.all([act('motcua.tinh', d.ref, 'RECEIVE', d.version), act('motcua.tinh2', d.ref, 'RECEIVE', d.version)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.details).toMatchObject({ status: 'RECEIVED', available: expect.arrayContaining(['FORWARD']) });
    const h = await history(d.id);
    expect(h.items.filter((e: { action: string }) => e.action === 'RECEIVE')).toHaveLength(1);
  });

  it('records one event for the same Idempotency-Key sent twice, and replays the answer', async () => {
    const d = await given('RECEIVED');
    const k = key();
    const first = await act('motcua.tinh', d.ref, 'FORWARD', d.version, {}, k);
    const again = await act('motcua.tinh', d.ref, 'FORWARD', d.version, {}, k);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await history(d.ref)).items.filter((e: { action: string }) => e.action === 'FORWARD')).toHaveLength(1);
    const reused = await act('motcua.tinh', d.ref, 'PROCESS_STEP', first.body.version, { note: 'x' }, k);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses an action the status does not allow with the status and available actions, and keeps the history whole', async () => {
    const d = await given('SUBMITTED');
    const r = await act('motcua.tinh', d.ref, 'RETURN_RESULT', d.version, { method: 'desk' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'DOSSIER_ACTION_NOT_ALLOWED', details: { status: 'SUBMITTED', available: ['RECEIVE', 'REFUSE_RECEPTION', 'REQUEST_SUPPLEMENT', 'WITHDRAW'] } });
    const stale = await act('motcua.tinh', d.ref, 'RECEIVE', d.version + 5);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: d.version } });
    const after = await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['motcua.tinh'] });
    expect(after.body).toMatchObject({ status: 'SUBMITTED', version: d.version });
    expect((await history(d.ref)).items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    // Then the right action still works on the same version.
    expect((await act('motcua.tinh', d.ref, 'RECEIVE', d.version)).status).toBe(200);
  });

  it('transfers only to an active agency that takes part in the procedure, and writes nothing otherwise', async () => {
    const d = await given('IN_PROCESS');
    const events = (await history(d.ref)).items.length;
    const unknown = await act('chuyenvien.tuphap', d.ref, 'TRANSFER', d.version, { toAgencyCode: 'H99.99', reason: 'Lấy ý kiến' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'DOSSIER_TRANSFER_TARGET_INVALID', details: { field: 'toAgencyCode', problem: 'unknown agency' } });
    expect(unknown.body.message.vi).toContain('H99.99');
    // The ward exists but takes no part in this provincial procedure.
    const outsider = await act('chuyenvien.tuphap', d.ref, 'TRANSFER', d.version, { toAgencyCode: 'H55.10', reason: 'Lấy ý kiến' });
    expect(outsider.status).toBe(400);
    expect(outsider.body).toMatchObject({ code: 'DOSSIER_TRANSFER_TARGET_INVALID', details: { problem: 'does not handle the procedure', allowed: expect.arrayContaining(['H55.02', 'H55.01']) } });
    const after = await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['chuyenvien.tuphap'] });
    expect(after.body).toMatchObject({ status: 'IN_PROCESS', version: d.version });
    expect((await history(d.ref)).items).toHaveLength(events);
  });

  it('offers the procedure\'s agencies as transfer targets, and the lead agency keeps following the dossier it transferred', async () => {
    const d = await given('IN_PROCESS');
    const seen = await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['chuyenvien.tuphap'] });
    expect(seen.body.holderAgencyCode).toBe('H55.02');
    expect(seen.body.transferTargets.map((a: { code: string }) => a.code)).toEqual(['H55.01', 'H55.03']);
    expect(seen.body.transferTargets[1].name).toEqual(expect.any(String));
    // The desk, which may not transfer, is not offered any.
    expect((await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['motcua.tinh'] })).body.transferTargets).toBeUndefined();
    expect((await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['chuyenvien.nnmt'] })).status).toBe(404);

    const moved = await act('chuyenvien.tuphap', d.ref, 'TRANSFER', d.version, { toAgencyCode: 'H55.03', reason: 'Lấy ý kiến về đất đai' });
    expect(moved.status).toBe(200);
    expect(moved.body.holderAgencyCode).toBe('H55.03');
    // The Department of Justice (competent) still sees it and can take it back; the department holding it sees it; a ward does not.
    const lead = await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['chuyenvien.tuphap'] });
    expect(lead.status).toBe(200);
    expect(lead.body.availableActions).toEqual(['RECEIVE_BACK']);
    expect((await t.call('GET', `/api/v1/dossiers/${d.ref}/history`, { token: tokens['chuyenvien.tuphap'] })).status).toBe(200);
    const all = await t.call('GET', `/api/v1/dossiers?code=${d.ref}`, { token: tokens['chuyenvien.tuphap'] });
    expect(all.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    expect((await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['chuyenvien.nnmt'] })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/dossiers/${d.ref}`, { token: tokens['motcua.tichluong'] })).status).toBe(404);
  });

  it('needs If-Match and Idempotency-Key on actions, and an action the domain knows', async () => {
    const d = await given('SUBMITTED');
    const noMatch = await t.call('POST', `/api/v1/dossiers/${d.ref}/actions/RECEIVE`, { token: tokens['motcua.tinh'], headers: { 'idempotency-key': key() }, body: {} });
    expect(noMatch.status).toBe(412);
    const noKey = await t.call('POST', `/api/v1/dossiers/${d.ref}/actions/RECEIVE`, { token: tokens['motcua.tinh'], headers: { 'if-match': `"${d.version}"` }, body: {} });
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await act('motcua.tinh', d.ref, 'FLY_AWAY', d.version)).status).toBe(400);
    expect((await act('motcua.tinh', d.ref, 'refuse-reception', d.version, { reasons: ['Sai thủ tục'] })).body.status).toBe('REFUSED_AT_RECEPTION');
  });

  it('refuses a form that fails the procedure schema, naming the fields, and writes nothing', async () => {
    const before = await dossierCount();
    const r = await file('congdan.an', { formData: { namSinh: 'năm chín mươi', ghiChu: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('DOSSIER_FORM_INVALID');
    const fields = r.body.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.formData.hoTen', 'body.formData.namSinh']));
    expect(await dossierCount()).toBe(before);
    const unknown = await file('congdan.an', { procedureCode: '3.959999' });
    expect(unknown.body.code).toBe('PROCEDURE_NOT_AVAILABLE');
    const wrongDesk = await file('congdan.an', { receivingAgencyCode: 'H55.11.01' });
    expect(wrongDesk.body.code).toBe('DOSSIER_WRONG_RECEIVING_AGENCY');
    expect(await dossierCount()).toBe(before);
  });
});

describe(`dossiers: search and public lookup (${TEST_DB})`, () => {
  it('searches by applicant personal id (audited), procedure and box, with cursor pages', async () => {
    await given('RECEIVED');
    await given('RECEIVED');
    const q = '/api/v1/dossiers?applicantPersonalId=019090001234&procedure=3.950001&limit=1';
    const first = await t.call('GET', q, { token: tokens['motcua.tinh'] });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.call('GET', `${q}&cursor=${first.body.nextCursor}`, { token: tokens['motcua.tinh'] });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].createdAt <= first.body.items[0].createdAt).toBe(true);
    const audited = await t.database.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'dossier.search.personal_id').execute();
    expect(audited.map((a) => a.actor_name)).toContain('motcua.tinh');
    expect((await t.call('GET', q, { token: tokens['motcua.tichluong'] })).body.items).toEqual([]);
    const overdue = await t.call('GET', '/api/v1/dossiers?box=overdue', { token: tokens['motcua.tinh'] });
    expect(overdue.status).toBe(200);
    expect((await t.call('GET', '/api/v1/dossiers', { token: tokens['congdan.binh'] })).body.items.every((d: { applicantId: string }) => d.applicantId === binhId)).toBe(true);
  });

  it('looks a dossier up by code and the last 4 digits of the personal id, with one 404 for every miss', async () => {
    const d = await given('RECEIVED');
    const ok = await t.call('GET', `/api/v1/dossiers/lookup?code=${d.ref}&idLast4=1234`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: d.ref, status: 'RECEIVED', procedure: { code: PROCEDURE } });
    expect(ok.body).not.toHaveProperty('formData');
    const wrongDigits = await t.call('GET', `/api/v1/dossiers/lookup?code=${d.ref}&idLast4=4321`);
    const wrongCode = await t.call('GET', `/api/v1/dossiers/lookup?code=H55.01-990101-9999&idLast4=1234`);
    expect(wrongDigits.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongDigits.body.code).toBe(wrongCode.body.code);
    expect(wrongDigits.body.message).toEqual(wrongCode.body.message);
    // The id of a dossier is not a lookup key.
    expect((await t.call('GET', `/api/v1/dossiers/lookup?code=${d.id}&idLast4=1234`)).status).toBe(404);
  });
});

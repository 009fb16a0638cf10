import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import * as sample from './samples.test-support.js';

const MAX = 256 * 1024;
const PROCEDURE = '3.960001';
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'motcua.tichluong', 'chuyenvien.tuphap', 'lanhdao.tuphap', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number];

let t: TestApp;
let blobDir: string;
const tokens = {} as Record<Who, string>;
let seq = 0;
const key = () => `att-test-${Date.now()}-${++seq}`;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-att-'));
  t = await startTestApp({ MOTCUA_ATTACHMENTS_DIR: blobDir, MOTCUA_ATTACHMENT_MAX_BYTES: String(MAX) });
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp phiếu lý lịch tư pháp (thử nghiệm tệp đính kèm)',
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [{ channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] }],
      components: [
        { name: 'Tờ khai yêu cầu cấp phiếu lý lịch tư pháp', originals: 1, required: true },
        { name: 'Bản chụp căn cước', copies: 1, required: true },
      ],
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await fs.rm(blobDir, { recursive: true, force: true });
});

async function fileDossier(who: Who = 'congdan.an') {
  const r = await t.call('POST', '/api/v1/dossiers', { token: tokens[who], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: {} } });
  expect(r.status).toBe(201);
  return r.body as { id: string; code: string | null; version: number };
}

const act = (who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) =>
  t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: tokens[who], headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: payload });

type Sent = { status: number; body: any; headers: Headers };

/** A multipart upload as a browser's FormData sends it: text fields first, then the file. */
async function upload(who: Who | null, ref: string, fields: Record<string, string>, bytes: Uint8Array, name: string, opts: { key?: string | null; fileFirst?: boolean } = {}): Promise<Sent> {
  const form = new FormData();
  const file = new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
  if (opts.fileFirst) form.append('file', file);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (!opts.fileFirst) form.append('file', file);
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  if (opts.key !== null) headers['idempotency-key'] = opts.key ?? key();
  const res = await fetch(`${t.baseUrl}/api/v1/dossiers/${ref}/attachments`, { method: 'POST', headers, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function download(who: Who, url: string) {
  const res = await fetch(t.baseUrl + url, { headers: { authorization: `Bearer ${tokens[who]}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const list = (who: Who, ref: string) => t.call('GET', `/api/v1/dossiers/${ref}/attachments`, { token: tokens[who] });
const rowCount = async () => Number((await t.database.db.selectFrom('dossier_attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(blobDir, { withFileTypes: true, recursive: true }).catch(() => [])) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe(`attachments (${TEST_DB})`, () => {
  it('uploads and downloads a file with a Vietnamese name, audits the read, and summarises per component', async () => {
    const d = await fileDossier();
    const name = 'Tờ khai yêu cầu – Nguyễn Văn An (bản chính).pdf';
    const bytes = sample.pdf('Nguyễn Văn An');
    // Sent decomposed (as macOS names files); kept composed.
    const up = await upload('congdan.an', d.id, { component: 'TP01' }, bytes, name.normalize('NFD'));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ component: 'TP01', digitised: true, fileName: name, mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes), supersededBy: null });
    const s = up.body.sha256 as string;
    expect(await fs.readFile(path.join(blobDir, 'sha256', s.slice(0, 2), s.slice(2, 4), s))).toEqual(bytes);

    const got = await download('congdan.an', up.body.contentUrl);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(bytes);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = got.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="To khai yeu cau _ Nguyen Van An \(ban chinh\)\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(name);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'entity_id', 'agency_code']).where('action', '=', 'dossier.attachment.read').where('entity_id', '=', up.body.id).execute();
    expect(audit).toEqual([{ action: 'dossier.attachment.read', actor_name: 'congdan.an', entity_id: up.body.id, agency_code: 'H55.01' }]);

    const l = await list('congdan.an', d.id);
    expect(l.status).toBe(200);
    expect(l.body.components).toEqual([
      { component: 'TP01', name: 'Tờ khai yêu cầu cấp phiếu lý lịch tư pháp', required: true, received: true, digitised: true, current: 1 },
      { component: 'TP02', name: 'Bản chụp căn cước', required: true, received: false, digitised: false, current: 0 },
    ]);
    expect(l.body.items.map((i: { id: string }) => i.id)).toEqual([up.body.id]);
    const listed = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'dossier.attachments.list').where('entity_id', '=', d.id).execute();
    expect(listed).toHaveLength(1);
  });

  it('refuses a file over the limit while it streams, and stores nothing', async () => {
    const d = await fileDossier();
    const before = await rowCount();
    const filesBefore = await storedFiles();
    const big = sample.pdf('lớn', MAX + 20_000);
    // Announced too large: refused before reading.
    const announced = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf('lớn', MAX + 100_000), 'lon.pdf');
    expect(announced.status).toBe(413);
    expect(announced.body).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: { maxBytes: MAX } });
    expect(announced.body.message.vi).toContain('dung lượng');

    // Streamed without a length: the byte count refuses it.
    const form = new FormData();
    form.append('component', 'TP01');
    form.append('file', new File([new Uint8Array(big)], 'Bản quét lớn.pdf'));
    const encoded = new Response(form);
    const res = await fetch(`${t.baseUrl}/api/v1/dossiers/${d.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['congdan.an']}`, 'idempotency-key': key(), 'content-type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('ATTACHMENT_TOO_LARGE');

    expect(await rowCount()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
    expect((await storedFiles()).some((f) => f.endsWith(sha(big)))).toBe(false);
  });

  it('decides the type from the content: a renamed executable, HTML or image is refused', async () => {
    const d = await fileDossier();
    const before = await rowCount();
    const exe = await upload('congdan.an', d.id, { component: 'TP01' }, sample.exe(), 'Tờ khai.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', details: { detected: 'application/x-msdownload' } });
    const html = await upload('congdan.an', d.id, { component: 'TP01' }, sample.html(), 'Tờ khai.pdf');
    expect(html.status).toBe(415);
    expect(html.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', details: { detected: null } });
    const renamed = await upload('congdan.an', d.id, { component: 'TP02' }, sample.png(), 'Căn cước.pdf');
    expect(renamed.status).toBe(415);
    expect(renamed.body.code).toBe('ATTACHMENT_TYPE_MISMATCH');
    expect(await rowCount()).toBe(before);
    // The same image under a neutral name is fine, and gets its real extension.
    const ok = await upload('congdan.an', d.id, { component: 'TP02' }, sample.png(), 'Căn cước mặt trước');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ fileName: 'Căn cước mặt trước.png', mediaType: 'image/png' });
  });

  it('validates the form: component first, known components only, multipart only here and nowhere else', async () => {
    const d = await fileDossier();
    const after = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf(), 'a.pdf', { fileFirst: true });
    expect(after.status).toBe(400);
    expect(after.body.code).toBe('VALIDATION_FAILED');
    const unknown = await upload('congdan.an', d.id, { component: 'TP09' }, sample.pdf(), 'a.pdf');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'ATTACHMENT_UNKNOWN_COMPONENT', details: { components: ['TP01', 'TP02', 'result'] } });
    const json = await t.call('POST', `/api/v1/dossiers/${d.id}/attachments`, { token: tokens['congdan.an'], headers: { 'idempotency-key': key() }, body: { component: 'TP01' } });
    expect(json.status).toBe(415);
    // Other routes still refuse multipart bodies exactly as before.
    const form = new FormData();
    form.append('procedureCode', PROCEDURE);
    const other = await fetch(`${t.baseUrl}/api/v1/dossiers`, { method: 'POST', headers: { authorization: `Bearer ${tokens['congdan.an']}`, 'idempotency-key': key() }, body: form });
    expect(other.status).toBe(415);
    expect((await other.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it("keeps each dossier's files to those who may see it", async () => {
    const d = await fileDossier();
    const up = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf('riêng tư'), 'Lý lịch.pdf');
    expect(up.status).toBe(201);
    for (const who of ['congdan.binh', 'motcua.tichluong', 'chuyenvien.tuphap', 'kiemsoat.tinh'] as const) {
      expect((await list(who, d.id)).status, who).toBe(404);
      expect((await download(who, up.body.contentUrl)).status, who).toBe(404);
      expect((await upload(who, d.id, { component: 'TP01' }, sample.pdf(), 'x.pdf')).status, who).toBe(404);
    }
    expect((await upload(null, d.id, { component: 'TP01' }, sample.pdf(), 'x.pdf')).status).toBe(401);
    // The desk that receives it sees it.
    expect((await download('motcua.tinh', up.body.contentUrl)).status).toBe(200);
    // An attachment id of another dossier is not found through this one.
    const other = await fileDossier();
    expect((await download('congdan.an', `/api/v1/dossiers/${other.id}/attachments/${up.body.id}/content`)).status).toBe(404);
  });

  it('is idempotent: the same upload twice is one record; the key with another file is a conflict', async () => {
    const d = await fileDossier();
    const k = key();
    const bytes = sample.pdf('một lần');
    const first = await upload('congdan.an', d.id, { component: 'TP01' }, bytes, 'Đơn.pdf', { key: k });
    const again = await upload('congdan.an', d.id, { component: 'TP01' }, bytes, 'Đơn.pdf', { key: k });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await list('congdan.an', d.id)).body.items).toHaveLength(1);
    const different = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf('khác'), 'Đơn.pdf', { key: k });
    expect(different.status).toBe(409);
    expect(different.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await upload('congdan.an', d.id, { component: 'TP01' }, bytes, 'Đơn.pdf', { key: null })).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it("lets an applicant reuse their own file in another dossier, and nobody else's", async () => {
    const first = await fileDossier();
    const second = await fileDossier();
    const bytes = sample.pdf('căn cước');
    const up = await upload('congdan.an', first.id, { component: 'TP02' }, bytes, 'Căn cước.pdf');
    const reuse = (who: Who, ref: string, attachmentId: string) =>
      t.call('POST', `/api/v1/dossiers/${ref}/attachments/reuse`, { token: tokens[who], headers: { 'idempotency-key': key() }, body: { component: 'TP02', attachmentId } });
    const reused = await reuse('congdan.an', second.id, up.body.id);
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({ component: 'TP02', sha256: sha(bytes), fileName: 'Căn cước.pdf', digitised: true });
    expect(reused.body.id).not.toBe(up.body.id);
    expect((await download('congdan.an', reused.body.contentUrl)).bytes).toEqual(bytes);
    expect((await storedFiles()).filter((f) => f.endsWith(sha(bytes)))).toHaveLength(1);

    // Someone else's file: not found, whoever asks.
    const binhDossier = await fileDossier('congdan.binh');
    expect((await reuse('congdan.binh', binhDossier.id, up.body.id)).status).toBe(404);
    const byDesk = await upload('motcua.tinh', first.id, { component: 'TP01' }, sample.pdf('bàn một cửa'), 'Quét tại quầy.pdf');
    expect(byDesk.status).toBe(201);
    expect((await reuse('congdan.an', second.id, byDesk.body.id)).status).toBe(404);
    // Officers do not reuse.
    expect((await reuse('motcua.tinh' as Who, second.id, byDesk.body.id)).status).toBe(403);
  });

  it('takes results from the handling officer, shows them to the applicant once issued, and keeps replaced files', async () => {
    const d = await fileDossier();
    const v1 = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf('bản 1'), 'Tờ khai.pdf');
    const v2 = await upload('congdan.an', d.id, { component: 'TP01', replaces: v1.body.id }, sample.pdf('bản 2'), 'Tờ khai (sửa).pdf');
    expect(v2.status).toBe(201);
    const twice = await upload('congdan.an', d.id, { component: 'TP01', replaces: v1.body.id }, sample.pdf('bản 3'), 'Tờ khai.pdf');
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ATTACHMENT_NOT_REPLACEABLE');

    let r = await act('motcua.tinh', d.id, 'RECEIVE', d.version);
    expect(r.status).toBe(200);
    const code = r.body.code as string;
    r = await act('motcua.tinh', code, 'FORWARD', r.body.version);
    expect(r.body.status).toBe('IN_PROCESS');

    // The desk records the identity card it saw on paper only.
    const paper = await t.call('POST', `/api/v1/dossiers/${code}/attachments/paper`, { token: tokens['motcua.tinh'], headers: { 'idempotency-key': key() }, body: { component: 'TP02', note: 'Đã đối chiếu bản chính căn cước' } });
    expect(paper.status).toBe(201);
    expect(paper.body).toMatchObject({ component: 'TP02', digitised: false, fileName: null, sha256: null, contentUrl: null });

    expect((await upload('congdan.an', code, { component: 'TP01' }, sample.pdf(), 'muộn.pdf')).body.code).toBe('ATTACHMENT_NOT_ALLOWED_IN_STATUS');
    expect((await upload('motcua.tinh', code, { component: 'result' }, sample.pdf(), 'kq.pdf')).status).toBe(403);
    const result = await upload('chuyenvien.tuphap', code, { component: 'result' }, sample.pdf('Phiếu lý lịch tư pháp số 15'), 'Phiếu LLTP số 15.pdf');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ component: 'result', digitised: true });

    // Not issued yet: the applicant does not see the result.
    let mine = await list('congdan.an', code);
    expect(mine.body.items.map((i: { component: string }) => i.component)).not.toContain('result');
    expect((await download('congdan.an', result.body.contentUrl)).status).toBe(404);
    const officer = await list('chuyenvien.tuphap', code);
    expect(officer.body.components).toEqual([
      expect.objectContaining({ component: 'TP01', received: true, digitised: true, current: 1 }),
      expect.objectContaining({ component: 'TP02', received: true, digitised: false, current: 1 }),
      expect.objectContaining({ component: 'result', received: true, digitised: true, current: 1 }),
    ]);
    const old = officer.body.items.find((i: { id: string }) => i.id === v1.body.id);
    expect(old).toMatchObject({ supersededBy: v2.body.id });
    expect((await download('chuyenvien.tuphap', old.contentUrl)).status).toBe(200);

    r = await act('chuyenvien.tuphap', code, 'SUBMIT_FOR_APPROVAL', r.body.version);
    r = await act('lanhdao.tuphap', code, 'APPROVE', r.body.version);
    r = await act('chuyenvien.tuphap', code, 'RECORD_RESULT', r.body.version, { documentNumber: '15/LLTP', summary: 'Cấp phiếu lý lịch tư pháp số 1' });
    expect(r.body.status).toBe('RESULT_READY');
    mine = await list('congdan.an', code);
    expect(mine.body.components.at(-1)).toMatchObject({ component: 'result', received: true, digitised: true });
    expect((await download('congdan.an', result.body.contentUrl)).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/dossiers/{code}/attachments',
        '/api/v1/dossiers/{code}/attachments/reuse',
        '/api/v1/dossiers/{code}/attachments/paper',
        '/api/v1/dossiers/{code}/attachments/{id}/content',
      ]),
    );
  });

  it('keeps history in the database itself: no deletes, no rewrites', async () => {
    const d = await fileDossier();
    const up = await upload('congdan.an', d.id, { component: 'TP01' }, sample.pdf('lịch sử'), 'Đơn.pdf');
    const where = (q: any) => q.where('id', '=', up.body.id);
    await expect(where(t.database.db.deleteFrom('dossier_attachments')).execute()).rejects.toThrow(/never deleted/);
    await expect(where(t.database.db.updateTable('dossier_attachments').set({ file_name: 'khác.pdf' })).execute()).rejects.toThrow(/change only once/);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pdf } from '../../src/modules/attachments/samples.test-support.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser.js';

let t: TestApp;
let browser: Browser;

const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
const PROCEDURE = '2.001263';
const NAME = 'Chứng thực bản sao từ bản chính giấy tờ, văn bản';
const PARTNER = 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên (H55.03)';

let keySeq = 0;
const key = () => `backoffice-e2e-${Date.now()}-${++keySeq}`;
const row = async (code: string) => t.database.db.selectFrom('dossiers').select(['status', 'version', 'holder_agency_code', 'assignee_id']).where('code', '=', code).executeTakeFirstOrThrow();
const idOf = async (username: string) => (await t.database.db.selectFrom('people').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** An action through the API, as a given officer, on the dossier's current version. */
async function apiAct(username: string, code: string, action: string, body: Record<string, unknown> = {}) {
  const { version } = await row(code);
  const res = await t.call('POST', `/api/v1/dossiers/${code}/actions/${action}`, { token: await t.tokenFor(username), headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Opens the action's panel on the work page (the only action is shown opened) and sends its form. */
async function act(page: Page, label: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>) {
  const summary = page.locator('summary', { hasText: new RegExp(`^${label}$`) });
  if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click();
  const form = page.getByRole('form', { name: label });
  if (fill) await fill(form);
  await form.getByRole('button', { name: label }).click();
}

let code = '';

beforeAll(async () => {
  t = await startTestApp({}, { web: true });
  browser = await launchBrowser();
  const control = await t.tokenFor('kiemsoat.tinh');
  const created = await t.call('POST', '/api/v1/procedures', {
    token: control,
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: NAME,
      field: 'Chứng thực',
      levels: ['province'],
      applicantTypes: ['citizen'],
      onlineLevel: 'full',
      agencies: {
        competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] },
        receiving: { text: null, codes: ['H55.01'] },
        coordinating: { text: 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên', codes: ['H55.03'] },
      },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] },
      ],
      components: [{ name: 'Bản chính giấy tờ cần chứng thực', originals: 1, copies: 0, required: true }],
      formSchema: { type: 'object', required: ['hoTen'], properties: { hoTen: { type: 'string', title: 'Họ và tên', minLength: 2 } }, additionalProperties: false },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: control, headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(200);

  // Received in person at the provincial centre (H55.01) and handed to the Department of Justice (H55.02).
  const filed = await t.call('POST', '/api/v1/dossiers', {
    token: await t.tokenFor('motcua.tinh'),
    headers: { 'idempotency-key': key() },
    body: { procedureCode: PROCEDURE, applicantId: await idOf('congdan.binh'), formData: { hoTen: 'Trần Thị Bình' } },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  code = filed.body.code;
  expect(code).toMatch(/^H55\.01-\d{6}-\d{4}$/);
  await apiAct('motcua.tinh', code, 'FORWARD');
  expect(await row(code)).toMatchObject({ status: 'IN_PROCESS', holder_agency_code: 'H55.02' });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('inter-agency transfer (liên thông) in the back office', () => {
  it('the head of department assigns a specialist from a list of the agency’s officers', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'lanhdao.tuphap', `/mot-cua/ho-so/${code}`);
    await act(page, 'Phân công xử lý', async (form) => {
      const select = form.getByLabel(/^Cán bộ được phân công/);
      await expect.poll(() => select.locator('option').allTextContents()).toEqual(['— Chọn —', 'Hoàng Văn Thắng — lãnh đạo phê duyệt', 'Phạm Minh Đức — chuyên viên xử lý']);
      await select.selectOption({ label: 'Phạm Minh Đức — chuyên viên xử lý' });
    });
    await page.getByText(/^Đã thực hiện: Phân công xử lý\./).waitFor();
    expect((await row(code)).assignee_id).toBe(await idOf('chuyenvien.tuphap'));
    await expectAccessible(page, 'backoffice-assigned');
    await page.context().close();
  });

  it('the specialist transfers the dossier to another department picked from the agencies of the procedure', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'chuyenvien.tuphap', `/mot-cua/ho-so/${code}`);
    await act(page, 'Chuyển liên thông', async (form) => {
      await form.getByRole('button', { name: 'Chuyển liên thông' }).click();
      await form.getByText('Vui lòng nhập mục này').first().waitFor();
      const select = form.getByLabel(/^Chuyển đến cơ quan/);
      await expect.poll(() => select.locator('option').allTextContents()).toContain(PARTNER);
      // Only the agencies the procedure names, and not the one holding the dossier.
      const offered = (await select.locator('option').allTextContents()).slice(1).map((o) => /\(([^)]+)\)$/.exec(o)?.[1]);
      expect(offered).toEqual(['H55.01', 'H55.03']);
      await select.selectOption({ label: PARTNER });
      await form.getByLabel(/^Lý do/).fill('Xác minh nguồn gốc đất đai theo hồ sơ địa chính');
    });
    await page.getByText(/^Đã thực hiện: Chuyển liên thông\. Trạng thái mới: /).waitFor();
    expect(await row(code)).toMatchObject({ status: 'TRANSFERRED', holder_agency_code: 'H55.03' });
    await screenshot(page, 'backoffice-transferred-1280');
    await page.context().close();
  });

  it('an officer of the receiving agency finds it in their inbox and sends it back', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'chuyenvien.nnmt', '/mot-cua?hop=to_process');
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 2, name: 'Thao tác' }).waitFor();
    expect(await page.locator('.dos-plain').textContent()).toContain('Đang xử lý tại cơ quan phối hợp (liên thông)');
    expect(await page.locator('.dos-timeline li').last().textContent()).toContain('Phạm Minh Đức: chuyển liên thông (H55.02)');
    await expectAccessible(page, 'backoffice-transfer-received');
    await act(page, 'Nhận lại hồ sơ liên thông', async (form) => {
      await form.getByLabel(/^Ghi chú/).fill('Đã xác minh: đất không có tranh chấp');
    });
    await page.getByText(/^Đã thực hiện: Nhận lại hồ sơ liên thông\. Trạng thái mới: Đang xử lý\./).waitFor();
    expect(await row(code)).toMatchObject({ status: 'IN_PROCESS', holder_agency_code: 'H55.02' });
    await page.context().close();
  });

  it('an officer of a third agency can neither open it nor see it in an inbox', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'chuyenvien.phandinhphung', `/mot-cua/ho-so/${code}`);
    await page.getByText('Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc phạm vi cơ quan của bạn.').waitFor();
    await page.goto(`${t.baseUrl}/mot-cua?hop=all`);
    await page.getByText('Không có hồ sơ nào trong hộp này.').waitFor();
    const direct = await page.request.get(`${t.baseUrl}/api/v1/dossiers/${code}/slips/receipt`);
    expect(direct.status()).toBe(404);
    await page.context().close();
  });
});

describe('the result file and the slips on the work page', () => {
  it('a failed upload keeps what was typed; the result PDF is stored, listed and downloadable; slips print', async () => {
    await apiAct('chuyenvien.tuphap', code, 'SUBMIT_FOR_APPROVAL');
    await apiAct('lanhdao.tuphap', code, 'APPROVE');
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'chuyenvien.tuphap', `/mot-cua/ho-so/${code}`);
    const label = 'Ban hành và chuyển kết quả';
    await act(page, label, async (form) => {
      await form.getByLabel(/^Số, ký hiệu văn bản kết quả/).fill('88/CT-STP');
      await form.getByLabel(/^Trích yếu kết quả/).fill('Bản sao được chứng thực từ bản chính');
      // Text pretending to be a PDF: the server reads the content and refuses it.
      await form.getByLabel(/^Tệp văn bản kết quả/).setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
    });
    const form = page.getByRole('form', { name: label });
    await form.getByText(/Những gì bạn đã nhập vẫn được giữ/).waitFor();
    expect(await form.getByLabel(/^Số, ký hiệu văn bản kết quả/).inputValue()).toBe('88/CT-STP');
    expect(await form.getByLabel(/^Trích yếu kết quả/).inputValue()).toBe('Bản sao được chứng thực từ bản chính');
    expect((await row(code)).status).toBe('APPROVED');
    await expectAccessible(page, 'backoffice-result-upload-failed');

    await form.getByLabel(/^Tệp văn bản kết quả/).setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: pdf('Bản sao chứng thực', 200_000) });
    await form.getByRole('button', { name: label }).click();
    await page.getByText(/^Đã thực hiện: Ban hành và chuyển kết quả\. Trạng thái mới: /).waitFor();
    expect((await row(code)).status).toBe('RESULT_READY');
    const results = await t.database.db.selectFrom('dossier_attachments').select(['component', 'file_name']).where('component', '=', 'result').execute();
    expect(results.map((r) => r.file_name)).toEqual(['ket-qua.pdf']);
    await page.context().close();

    // The result goes on to the receiving desk, which sees the file beside the history, and the slips.
    const desk = await newPage(browser, desktop);
    await signIn(desk, t.baseUrl, 'motcua.tinh', `/mot-cua/ho-so/${code}`);
    const download = desk.getByRole('link', { name: 'Tải về ket-qua.pdf' });
    await download.waitFor();
    const file = await desk.request.get(new URL((await download.getAttribute('href'))!, t.baseUrl).toString());
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The slips issued so far, each a PDF link; the receipt answers with a PDF.
    await desk.getByRole('heading', { level: 3, name: 'Phiếu in' }).waitFor();
    const slips = desk.locator('.bo-slips a');
    expect(await slips.count()).toBeGreaterThanOrEqual(2);
    const receipt = desk.locator('.bo-slips a[href*="/slips/receipt?"]');
    expect(await receipt.count()).toBe(1);
    const answer = await desk.request.get(new URL((await receipt.getAttribute('href'))!, t.baseUrl).toString());
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await answer.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(desk, 'backoffice-result-ready');
    await screenshot(desk, 'backoffice-result-ready-1280');
    await desk.context().close();
  });
});

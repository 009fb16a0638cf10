import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pdf, png } from '../../src/modules/attachments/samples.test-support.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser.js';

let t: TestApp;
let browser: Browser;

const phone = { viewport: { width: 360, height: 780 }, locale: 'vi-VN' };
const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
const PROCEDURE = '3.950101';
const NAME = 'Cấp phiếu lý lịch tư pháp cho công dân';

let keySeq = 0;
const key = () => `dossiers-e2e-${Date.now()}-${++keySeq}`;
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
const dossiersOf = (code: string) => t.database.db.selectFrom('dossiers').select(['id', 'code', 'status', 'version', 'agency_code']).where('procedure_code', '=', code).execute();

/** Opens the action's panel on the work page and sends its form. */
async function act(page: Page, label: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>) {
  const summary = page.locator('summary', { hasText: new RegExp(`^${label}$`) });
  // The only action of a dossier is shown opened.
  if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click();
  const form = page.getByRole('form', { name: label });
  if (fill) await fill(form);
  await form.getByRole('button', { name: label }).click();
}

beforeAll(async () => {
  t = await startTestApp({}, { web: true });
  browser = await launchBrowser();
  const token = await t.tokenFor('kiemsoat.tinh');
  // Received at the provincial centre (H55.01), settled by the Department of Justice (H55.02).
  const created = await t.call('POST', '/api/v1/procedures', {
    token,
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: NAME,
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      onlineLevel: 'full',
      // Two desks receive it: the applicant picks one before the draft is first saved.
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01', 'H55.10.01'] } },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: 10 }, fees: [{ kind: 'amount', amountVnd: 200000, label: 'Phí' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: 10 }, fees: [{ kind: 'amount', amountVnd: 200000, label: 'Phí' }] },
      ],
      components: [
        { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', originals: 1, copies: 0, required: true },
        { name: 'Bản chụp thẻ căn cước', originals: 0, copies: 1, required: true },
      ],
      formSchema: {
        type: 'object',
        required: ['hoTen', 'ngaySinh', 'mucDich', 'soBan'],
        properties: {
          hoTen: { type: 'string', title: 'Họ và tên', minLength: 2, maxLength: 100 },
          ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh' },
          mucDich: { type: 'string', title: 'Mục đích sử dụng', oneOf: [{ const: 'ca_nhan', title: 'Cá nhân' }, { const: 'xin_viec', title: 'Xin việc' }] },
          soBan: { type: 'integer', title: 'Số bản yêu cầu', minimum: 1, maximum: 5 },
          camKet: { type: 'boolean', title: 'Tôi cam đoan lời khai trên là đúng sự thật', const: true },
        },
        additionalProperties: false,
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token, headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a dossier from online filing to the returned result', () => {
  let id = '';
  let code = '';

  it('a citizen finds the procedure, fills the form with inline errors, keeps a draft, attaches the papers to it (a failed upload retried), resumes it on another device, reviews the papers, pays the fee, files once with a double click', async () => {
    let page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', '/thu-tuc');
    await page.getByRole('searchbox', { name: 'Tên thủ tục hoặc từ khóa' }).fill('ly lich tu phap');
    await page.locator('#cat-results').getByRole('link', { name: NAME }).click();
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL(`${t.baseUrl}/thu-tuc/${PROCEDURE}/nop-ho-so`);
    await page.getByRole('heading', { level: 2, name: /Bước 1 trên 3/ }).waitFor();
    // Before the server draft exists, the desk can be chosen, and the papers are a checklist with a way to start attaching.
    await page.getByRole('button', { name: 'Đính kèm giấy tờ' }).waitFor();
    expect(await page.getByLabel('Nơi tiếp nhận hồ sơ').inputValue()).toBe('H55.01');
    expect(await page.getByLabel(/^Chọn tệp cho:/).count()).toBe(0);

    // Nothing filled in: the problems are listed at the top and said next to each field, in Vietnamese.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Tờ khai còn 5 mục cần sửa:').waitFor();
    expect(await page.getByLabel('Họ và tên').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-hoTen-error').textContent()).toBe('Vui lòng nhập mục này');
    expect(await page.locator('#f-camKet-error').textContent()).toBe('Bạn cần đánh dấu ô này để tiếp tục');
    await page.getByLabel('Số bản yêu cầu').fill('9');
    expect(await page.locator('#f-soBan-error').textContent()).toBe('Không được lớn hơn 5');
    await fitsPhone(page);
    await expectAccessible(page, 'apply-errors');
    await screenshot(page, 'dossier-apply-errors-360');

    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Ngày sinh').fill('1990-05-12');
    await page.getByLabel('Mục đích sử dụng').selectOption('xin_viec');
    await page.getByLabel('Số bản yêu cầu').fill('2');
    await page.getByLabel('Tôi cam đoan lời khai trên là đúng sự thật').check();
    // The draft is saved on the server as one types (and a reload brings it back).
    await page.getByText(/^Đã tự động lưu bản nháp lúc/).waitFor();
    const drafts = await dossiersOf(PROCEDURE);
    expect(drafts).toMatchObject([{ status: 'DRAFT', code: null, agency_code: 'H55.01' }]);
    // The desk is saved with the draft: no longer a choice that would be silently ignored.
    await page.getByText('(đã lưu cùng bản nháp; muốn nộp ở nơi khác, hãy xóa bản nháp và làm lại)').waitFor();
    expect(await page.getByLabel('Nơi tiếp nhận hồ sơ').count()).toBe(0);
    // The draft exists on the server: each paper of the procedure gets its upload, before filing.
    const declaration = page.getByLabel('Chọn tệp cho: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');
    await declaration.waitFor();
    expect(await page.getByRole('button', { name: 'Đính kèm giấy tờ' }).count()).toBe(0);
    // Offline, what is typed stays on this device and says so, and an upload fails in words.
    await page.context().setOffline(true);
    await page.getByLabel('Số bản yêu cầu').fill('3');
    await page.getByText(/^Chưa lưu được bản nháp lên hệ thống; nội dung vẫn được giữ trên thiết bị này\./).waitFor();
    await declaration.setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: pdf('Tờ khai') });
    await page.getByRole('button', { name: /^Tải lên\s*Tờ khai/ }).click();
    await page.getByText(/^Không kết nối được máy chủ\. Hãy thử lại\. Bạn có thể tải lên lại: tệp sẽ không bị ghi trùng\.$/).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel('Số bản yêu cầu').inputValue()).toBe('3');
    await fitsPhone(page);
    await expectAccessible(page, 'apply-upload-failed');
    await screenshot(page, 'dossier-apply-upload-failed-360');
    // Back online: the draft reaches the server, and the same file is sent again, recorded once.
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText(/^Đã tự động lưu bản nháp lúc/).waitFor();
    await page.getByRole('button', { name: /^Tải lên\s*Tờ khai/ }).click();
    await page.getByText('Đã tải lên to-khai.pdf.').waitFor();
    await page.getByRole('link', { name: 'Tải về to-khai.pdf' }).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    const attached = await t.database.db.selectFrom('dossier_attachments').select(['component', 'file_name']).where('dossier_id', '=', drafts[0]!.id).execute();
    expect(attached).toEqual([{ component: 'TP01', file_name: 'to-khai.pdf' }]);
    await expectAccessible(page, 'apply-draft-attached');
    const saved = await t.database.db.selectFrom('dossiers').select('form_data').where('id', '=', drafts[0]!.id).executeTakeFirstOrThrow();
    expect(saved.form_data).toMatchObject({ hoTen: 'Nguyễn Văn An', soBan: 3, mucDich: 'xin_viec', camKet: true });
    await page.reload();
    await page.getByText(/^Đã mở lại bản nháp bạn lưu lúc/).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    await page.context().close();

    // Another device: a new browser, signed in again, finds the draft in "my dossiers" and resumes it.
    page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', '/ho-so-cua-toi');
    await page.getByRole('heading', { level: 2, name: 'Bản nháp chưa nộp' }).waitFor();
    await expectAccessible(page, 'mine-drafts');
    await page.getByRole('link', { name: new RegExp(`^Tiếp tục điền\\s*:\\s*${NAME}$`) }).click();
    await page.waitForURL(`${t.baseUrl}/thu-tuc/${PROCEDURE}/nop-ho-so?ban-nhap=${drafts[0]!.id}`);
    await page.getByText(/^Đã mở lại bản nháp bạn lưu lúc/).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel('Mục đích sử dụng').inputValue()).toBe('xin_viec');
    expect(await page.getByLabel('Tôi cam đoan lời khai trên là đúng sự thật').isChecked()).toBe(true);
    // The paper attached on the first device came with the draft.
    await page.getByRole('link', { name: 'Tải về to-khai.pdf' }).waitFor();
    await screenshot(page, 'dossier-draft-resumed-360');

    // The review lists what is attached per paper and says which required paper is still missing.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: /Bước 2 trên 3/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Xin việc');
    const missing = page.locator('#dos-missing-papers');
    await missing.waitFor();
    expect(await missing.textContent()).toBe(
      'Còn thiếu 1 giấy tờ bắt buộc:Bản chụp thẻ căn cướcBấm "Quay lại sửa" để đính kèm. Nếu nộp khi còn thiếu, bộ phận một cửa có thể yêu cầu bạn bổ sung, làm hồ sơ chậm được tiếp nhận.',
    );
    const reviewed = page.getByRole('region', { name: 'Giấy tờ đính kèm' }).locator('.dos-file');
    expect(await reviewed.allTextContents()).toEqual(['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (bắt buộc) — Đã cóto-khai.pdf', 'Bản chụp thẻ căn cước (bắt buộc) — Chưa có']);
    await fitsPhone(page);
    await expectAccessible(page, 'apply-review-missing');
    await screenshot(page, 'dossier-apply-review-missing-360');
    await page.getByRole('button', { name: 'Quay lại sửa' }).click();
    await page.getByLabel('Chọn tệp cho: Bản chụp thẻ căn cước').setInputFiles({ name: 'can-cuoc.png', mimeType: 'image/png', buffer: png() });
    await page.getByRole('button', { name: /^Tải lên\s*Bản chụp thẻ căn cước/ }).click();
    await page.getByText('Đã tải lên can-cuoc.png.').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Đã đính kèm đủ các giấy tờ bắt buộc.').waitFor();
    expect(await page.locator('#dos-missing-papers').count()).toBe(0);
    expect(await reviewed.allTextContents()).toEqual(['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (bắt buộc) — Đã cóto-khai.pdf', 'Bản chụp thẻ căn cước (bắt buộc) — Đã cócan-cuoc.png']);
    await expectAccessible(page, 'apply-review');

    // The fee, before submitting, through the development gateway: back to the review of the same draft.
    await page.getByRole('button', { name: 'Nộp 200.000 đồng trực tuyến' }).click();
    await page.getByRole('button', { name: 'Thanh toán' }).click();
    await page.waitForURL(new RegExp(`/thu-tuc/${PROCEDURE.replace('.', '\\.')}/nop-ho-so\\?ban-nhap=${drafts[0]!.id}&thanh-toan=paid$`));
    await page.getByRole('heading', { level: 2, name: /Bước 2 trên 3/ }).waitFor();
    await page.getByText('Đã thanh toán thành công. Cảm ơn bạn.').waitFor();
    await page.getByText('Đã nộp trực tuyến: 200.000 đồng.').waitFor();
    expect(await page.getByRole('button', { name: 'Nộp 200.000 đồng trực tuyến' }).count()).toBe(0);
    await expectAccessible(page, 'apply-review-paid');
    await screenshot(page, 'dossier-apply-review-paid-360');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
    await page.getByRole('heading', { level: 2, name: 'Đã nộp hồ sơ' }).waitFor();
    const filed = await dossiersOf(PROCEDURE);
    expect(filed).toHaveLength(1);
    id = filed[0]!.id;
    expect(id).toBe(drafts[0]!.id);
    expect(filed[0]!.status).toBe('SUBMITTED');
    expect(await page.locator('.dos-receipt').textContent()).toContain(id);
    await fitsPhone(page);
    await expectAccessible(page, 'apply-done');
    await screenshot(page, 'dossier-apply-done-360');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.dos-receipt').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The papers attached to the draft stay with the filed dossier, and so does the fee paid on it.
    await page.getByRole('link', { name: 'Tải về to-khai.pdf' }).waitFor();
    await page.getByRole('link', { name: 'Tải về can-cuoc.png' }).waitFor();
    const kept = await t.database.db.selectFrom('dossier_attachments').select(['component', 'file_name']).where('dossier_id', '=', id).orderBy('component').execute();
    expect(kept).toEqual([
      { component: 'TP01', file_name: 'to-khai.pdf' },
      { component: 'TP02', file_name: 'can-cuoc.png' },
    ]);
    await expectAccessible(page, 'apply-attached');
    await page.getByText('Đã nộp trực tuyến: 200.000 đồng.').waitFor();
    expect(await page.getByRole('button', { name: 'Nộp 200.000 đồng trực tuyến' }).count()).toBe(0);
    const paid = await t.database.db.selectFrom('dossier_payments').select(['status', 'amount_vnd']).where('dossier_id', '=', id).execute();
    expect(paid.map((p) => [p.status, Number(p.amount_vnd)])).toEqual([['paid', 200_000]]);

    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByText('Đã nộp trực tuyến: 200.000 đồng.').waitFor();
    await expectAccessible(page, 'dossier-paid');
    await screenshot(page, 'dossier-paid-360');

    await page.getByRole('link', { name: 'Về "Hồ sơ của tôi"' }).click();
    await page.getByRole('link', { name: NAME }).waitFor();
    expect(await page.getByRole('heading', { name: 'Bản nháp chưa nộp' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Chưa có mã (chờ tiếp nhận)');
    await page.context().close();
  });

  it('the desk officer sees it in "to receive", receives it (code and due date) and forwards it', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'motcua.tinh', '/mot-cua');
    const box = page.getByRole('link', { name: /^Chờ tiếp nhận/ });
    await expect.poll(() => box.textContent()).toBe('Chờ tiếp nhận1');
    await expectAccessible(page, 'backoffice-inbox');
    await screenshot(page, 'backoffice-inbox-1280');
    await page.getByRole('link', { name: new RegExp(id.slice(0, 8)) }).click();
    await page.getByRole('heading', { level: 2, name: 'Thao tác' }).waitFor();
    await expectAccessible(page, 'backoffice-work-submitted');
    await act(page, 'Tiếp nhận hồ sơ');
    await page.getByText(/^Đã thực hiện: Tiếp nhận hồ sơ\. Trạng thái mới: Đã tiếp nhận\./).waitFor();
    const [row] = await dossiersOf(PROCEDURE);
    code = row!.code!;
    expect(code).toMatch(/^H55\.01-\d{6}-\d{4}$/);
    expect(await page.locator('main').textContent()).toContain(code);
    await page.getByText('Giấy tiếp nhận, hẹn trả kết quả').click();
    expect(await page.locator('.dos-receipt').textContent()).toContain('Hẹn trả kết quả');
    await act(page, 'Chuyển xử lý');
    await page.getByText(/^Đã thực hiện: Chuyển xử lý\./).waitFor();
    await screenshot(page, 'backoffice-work-1280');
    await page.context().close();
  });

  it('the specialist asks for a document; a stale page gets a 409 that reloads and says so', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'chuyenvien.tuphap', `/mot-cua/ho-so/${code}`);
    await page.getByRole('heading', { level: 2, name: 'Thao tác' }).waitFor();
    // Meanwhile the head of the department records a note: the page's version is now stale.
    const [row] = await dossiersOf(PROCEDURE);
    const note = await t.call('POST', `/api/v1/dossiers/${code}/actions/PROCESS_STEP`, {
      token: await t.tokenFor('lanhdao.tuphap'),
      headers: { 'if-match': `"${row!.version}"`, 'idempotency-key': key() },
      body: { note: 'Đã kiểm tra sơ bộ' },
    });
    expect(note.status).toBe(200);
    const fillRequest = async (form: ReturnType<Page['getByRole']>) => {
      await form.getByRole('checkbox', { name: 'Bản chụp thẻ căn cước' }).check();
      await form.getByLabel(/Lý do cần bổ sung: Bản chụp thẻ căn cước/).fill('Bản chụp bị mờ, không đọc được số');
    };
    await act(page, 'Yêu cầu bổ sung hồ sơ', fillRequest);
    await page.getByText(/^Hồ sơ vừa được người khác xử lý nên đã được tải lại\. Trạng thái hiện tại: Đang xử lý/).waitFor();
    await act(page, 'Yêu cầu bổ sung hồ sơ', fillRequest);
    await page.getByText(/^Đã thực hiện: Yêu cầu bổ sung hồ sơ\. Trạng thái mới: Chờ bổ sung giấy tờ\./).waitFor();
    await expectAccessible(page, 'backoffice-work-supplement');
    await page.context().close();
  });

  it('the citizen answers the request item by item on a phone', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', '/ho-so-cua-toi');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Việc bạn cần làm' }).waitFor();
    await page.getByText('Bản chụp bị mờ, không đọc được số').waitFor();
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Hãy đánh dấu từng giấy tờ đã bổ sung: cần trả lời đủ 1 mục.').waitFor();
    await page.getByLabel('Ghi chú của bạn về giấy tờ này').fill('Sẽ mang bản chính đến bộ phận một cửa');
    await page.getByLabel('Tôi đã bổ sung giấy tờ này').check();
    await fitsPhone(page);
    await expectAccessible(page, 'dossier-supplement');
    await screenshot(page, 'dossier-supplement-360');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Đã gửi bổ sung. Hồ sơ tiếp tục được xử lý.').waitFor();
    expect(await page.locator('.dos-plain').textContent()).toContain('Đang xử lý');
    await page.context().close();
  });

  it('submission for approval, approval, the result issued and returned at the desk', async () => {
    const specialist = await newPage(browser, desktop);
    await signIn(specialist, t.baseUrl, 'chuyenvien.tuphap', `/mot-cua/ho-so/${code}`);
    await act(specialist, 'Trình phê duyệt');
    await specialist.getByText(/^Đã thực hiện: Trình phê duyệt\./).waitFor();
    await specialist.context().close();

    const leader = await newPage(browser, desktop);
    await signIn(leader, t.baseUrl, 'lanhdao.tuphap', '/mot-cua?hop=to_approve');
    await leader.getByRole('link', { name: code }).click();
    await act(leader, 'Phê duyệt');
    await leader.getByText(/^Đã thực hiện: Phê duyệt\./).waitFor();
    await act(leader, 'Ban hành và chuyển kết quả', async (form) => {
      await form.getByLabel(/^Số, ký hiệu văn bản kết quả/).fill('125/PLLTP');
      await form.getByLabel(/^Trích yếu kết quả/).fill('Phiếu lý lịch tư pháp số 1');
    });
    await leader.getByText(/^Đã thực hiện: Ban hành và chuyển kết quả\./).waitFor();
    await leader.context().close();

    const desk = await newPage(browser, desktop);
    await signIn(desk, t.baseUrl, 'motcua.tinh', '/mot-cua?hop=all');
    await desk.getByRole('link', { name: code }).click();
    await act(desk, 'Trả kết quả', async (form) => {
      await form.getByRole('button', { name: 'Trả kết quả' }).click();
      await form.getByText('Vui lòng nhập mục này').waitFor();
      await form.getByLabel(/^Hình thức trả kết quả/).selectOption('desk');
      await form.getByLabel(/^Người nhận kết quả/).fill('Nguyễn Văn An');
    });
    await desk.getByText(/^Đã thực hiện: Trả kết quả\. Trạng thái mới: Đã trả kết quả\./).waitFor();
    expect((await dossiersOf(PROCEDURE))[0]!.status).toBe('RETURNED');
    await expectAccessible(desk, 'backoffice-work-returned');
    await desk.context().close();
  });

  it('the citizen sees the result in "my dossiers", with the history in plain words', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', '/ho-so-cua-toi');
    const card = page.locator('.dos-card', { hasText: code });
    await expect.poll(() => card.textContent()).toContain('Đã trả kết quả');
    await card.getByRole('link', { name: NAME }).click();
    await page.getByText(/^Kết quả đã được trả cho bạn lúc/).waitFor();
    const history = await page.locator('.dos-timeline li').allTextContents();
    expect(history.length).toBeGreaterThanOrEqual(10);
    expect(history[0]).toContain('Tạo hồ sơ');
    expect(history.some((h) => h.includes('Yêu cầu bổ sung, hoàn thiện hồ sơ'))).toBe(true);
    await fitsPhone(page);
    await expectAccessible(page, 'dossier-returned');
    await screenshot(page, 'dossier-returned-360');

    // The citizen rates the service: every group must be answered, then thanks, then the rating as given.
    await page.getByRole('heading', { level: 2, name: 'Đánh giá mức độ hài lòng' }).waitFor();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    expect(await page.locator('#rate-satisfied-error').textContent()).toBe('Hãy chọn một mức');
    await page.getByRole('group', { name: 'Nhìn chung, bạn có hài lòng không?' }).getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    const scores: [string, string][] = [
      ['Hướng dẫn, tiếp nhận hồ sơ', '5 - Rất tốt'],
      ['Thái độ phục vụ của cán bộ', '5 - Rất tốt'],
      ['Thời gian giải quyết', '4 - Tốt'],
      ['Công khai, minh bạch', '5 - Rất tốt'],
    ];
    for (const [criterion, score] of scores) await page.getByRole('group', { name: criterion }).getByRole('radio', { name: score }).check();
    await page.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
    await fitsPhone(page);
    await expectAccessible(page, 'dossier-rating-form');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp cơ quan phục vụ tốt hơn.').waitFor();
    await page.getByRole('button', { name: 'Sửa đánh giá' }).waitFor();
    expect(await page.locator('.dos-rating').textContent()).toContain('Cán bộ hướng dẫn tận tình.');
    const ratings = await t.database.db.selectFrom('dossier_ratings').select(['satisfied', 'scores', 'comment']).where('dossier_id', '=', id).execute();
    expect(ratings).toEqual([{ satisfied: true, scores: { guidance: 5, attitude: 5, timeliness: 4, transparency: 5 }, comment: 'Cán bộ hướng dẫn tận tình.' }]);
    await expectAccessible(page, 'dossier-rated');
    await screenshot(page, 'dossier-rated-360');

    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 2, name: 'What you need to do' }).waitFor();
    await expectAccessible(page, 'dossier-returned-en');
    await page.context().close();
  });

  it('in a new application the citizen reuses, in one click and before filing, a paper given with the earlier dossier', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', `/thu-tuc/${PROCEDURE}/nop-ho-so`);
    // Papers first, before anything is typed: the button saves the draft they are attached to.
    await page.getByRole('button', { name: 'Đính kèm giấy tờ' }).click();
    await page.getByRole('button', { name: /^Dùng lại to-khai\.pdf\s*cho: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp$/ }).click();
    await page.getByText('Đã dùng lại to-khai.pdf.').waitFor();
    await page.getByRole('link', { name: 'Tải về to-khai.pdf' }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'apply-reused');
    await screenshot(page, 'dossier-reuse-360');
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Ngày sinh').fill('1990-05-12');
    await page.getByLabel('Mục đích sử dụng').selectOption('ca_nhan');
    await page.getByLabel('Số bản yêu cầu').fill('1');
    await page.getByLabel('Tôi cam đoan lời khai trên là đúng sự thật').check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.locator('#dos-missing-papers').waitFor();
    expect(await page.locator('#dos-missing-papers li').allTextContents()).toEqual(['Bản chụp thẻ căn cước']);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { level: 2, name: 'Đã nộp hồ sơ' }).waitFor();
    await page.getByRole('link', { name: 'Tải về to-khai.pdf' }).waitFor();
    const second = (await dossiersOf(PROCEDURE)).find((d) => d.id !== id)!;
    const files = await t.database.db.selectFrom('dossier_attachments').select(['dossier_id', 'component', 'sha256']).where('file_name', '=', 'to-khai.pdf').execute();
    expect(files.map((f) => f.dossier_id).sort()).toEqual([id, second.id].sort());
    expect(new Set(files.map((f) => f.sha256)).size).toBe(1);
    await page.context().close();
  });

  it('the public lookup finds it with the last 4 digits of the ID, and not without them', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/tra-cuu?ma=${encodeURIComponent(code)}`);
    expect(await page.getByLabel(/^Mã hồ sơ/).inputValue()).toBe(code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await page.locator('#lk-last4-error').textContent()).toBe('Nhập đúng 4 chữ số');
    await page.getByLabel(/^4 số cuối/).fill('9999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Không tìm thấy hồ sơ với mã và 4 số này. Hãy kiểm tra lại.').waitFor();
    await page.getByLabel(/^4 số cuối/).fill('1234');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kết quả tra cứu' }).waitFor();
    expect(await page.locator('.dos-plain').textContent()).toContain('Đã trả kết quả');
    await fitsPhone(page);
    await expectAccessible(page, 'lookup');
    await screenshot(page, 'dossier-lookup-360');
    await page.context().close();
  });

  it('an officer of another agency cannot see it', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'motcua.tichluong', `/mot-cua/ho-so/${code}`);
    await page.getByText('Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc phạm vi cơ quan của bạn.').waitFor();
    await page.goto(`${t.baseUrl}/mot-cua?hop=all`);
    await page.getByText('Không có hồ sơ nào trong hộp này.').waitFor();
    await expectAccessible(page, 'backoffice-other-agency');
    await page.context().close();
  });
});

describe('desk reception of an in-person filing', () => {
  it('finds the applicant by ID, picks the procedure, ticks the papers and prints the appointment', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'motcua.tinh', '/mot-cua/tiep-nhan');
    await page.getByLabel(/^Số định danh cá nhân/).fill('01918500432');
    await page.getByRole('button', { name: 'Tìm công dân' }).click();
    await page.getByText('Nhập đúng 12 chữ số').waitFor();
    await page.getByLabel(/^Số định danh cá nhân/).fill('019185004321');
    await page.keyboard.press('Enter');
    await page.getByText('Trần Thị Bình').waitFor();
    await page.getByLabel('Tên hoặc mã thủ tục').fill('ly lich tu phap');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: new RegExp(`^Chọn\\s*:\\s*${NAME}$`) }).click();
    await page.getByRole('checkbox', { name: /Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/ }).check();
    await page.getByRole('checkbox', { name: /Bản chụp thẻ căn cước/ }).check();
    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel('Ngày sinh').fill('1985-11-02');
    await page.getByLabel('Mục đích sử dụng').selectOption('ca_nhan');
    await page.getByLabel('Số bản yêu cầu').fill('1');
    await page.getByLabel('Tôi cam đoan lời khai trên là đúng sự thật').check();
    await expectAccessible(page, 'backoffice-desk');
    await page.getByRole('button', { name: 'Tiếp nhận và cấp giấy hẹn' }).click();
    await page.getByRole('heading', { level: 2, name: /^Đã tiếp nhận hồ sơ H55\.01-\d{6}-\d{4}\.$/ }).waitFor();
    const receipt = await page.locator('.dos-receipt').textContent();
    expect(receipt).toContain('Trần Thị Bình');
    expect(receipt).toContain('Bản chụp thẻ căn cước');
    expect(receipt).toContain('Hẹn trả kết quả');
    const rows = await dossiersOf(PROCEDURE);
    expect(rows.filter((r) => r.status === 'RECEIVED')).toHaveLength(1);
    await expectAccessible(page, 'backoffice-desk-done');
    await screenshot(page, 'backoffice-desk-done-1280');
    await page.context().close();
  });
});

describe('the first load of a citizen page on a slow mobile network', () => {
  it("asks for the page's chunk and first data while the app's scripts download, and reads each once", async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an');
    // Chrome DevTools' "Fast 3G": each request waits 562.5 ms, 1.44 Mbit/s down; nothing cached.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 });
    const pages: [path: string, chunk: RegExp, data: string[]][] = [
      [`/thu-tuc/${PROCEDURE}/nop-ho-so`, /\/assets\/ApplyPage-[\w-]+\.js$/, [`/api/v1/procedures/${PROCEDURE}`]],
      ['/ho-so-cua-toi', /\/assets\/MyDossiersPage-[\w-]+\.js$/, ['/api/v1/dossiers?limit=20']],
      ['/tra-cuu', /\/assets\/LookupPage-[\w-]+\.js$/, []],
    ];
    for (const [path, chunk, data] of pages) {
      const asked: { url: string; at: number }[] = [];
      const done = new Map<string, number>();
      const onRequest = (r: { url: () => string }) => asked.push({ url: r.url().slice(t.baseUrl.length), at: Date.now() });
      const onFinished = (r: { url: () => string }) => done.set(r.url().slice(t.baseUrl.length), Date.now());
      page.on('request', onRequest);
      page.on('requestfinished', onFinished);
      await page.goto(`${t.baseUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      page.off('request', onRequest);
      page.off('requestfinished', onFinished);

      // The app's largest script is still downloading when the page's chunk and data are asked for.
      const vendor = [...done].find(([url]) => /^\/assets\/vendor-[\w-]+\.js$/.test(url));
      expect(vendor, path).toBeDefined();
      for (const wanted of [chunk, ...data]) {
        const request = asked.find((a) => (typeof wanted === 'string' ? a.url === wanted : wanted.test(a.url)));
        expect(request, `${path}: ${String(wanted)}`).toBeDefined();
        expect(request!.at, `${path}: ${String(wanted)} asked before the app's scripts arrived`).toBeLessThan(vendor![1]);
      }
      // Every early answer was taken by the app, which asked for nothing twice.
      for (const url of [...data, '/api/v1/me', '/api/v1/agencies?limit=10']) expect(asked.filter((a) => a.url === url), `${path}: ${url}`).toHaveLength(1);
      expect(await page.evaluate(() => window.__motcuaEarly?.responses.size ?? 0), path).toBe(0);
    }
    await page.context().close();
  });
});

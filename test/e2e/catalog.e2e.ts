import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser.js';

let t: TestApp;
let browser: Browser;
let token: string;

const phone = { viewport: { width: 360, height: 780 }, locale: 'vi-VN' };
const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

let keySeq = 0;
const key = () => `catalog-e2e-${Date.now()}-${++keySeq}`;

/** A procedure as the province's procedure-control officer would enter it. */
const birthRegistration = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  levels: ['commune'],
  applicantTypes: ['citizen'],
  onlineLevel: 'partial',
  agencies: {
    competent: { text: 'Ủy ban nhân dân phường Phan Đình Phùng', codes: ['H55.10'] },
    receiving: { text: null, codes: ['H55.10.01'] },
  },
  channels: [
    { channel: 'in_person', processingTime: { unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day' }, fees: [{ kind: 'free' }] },
    { channel: 'postal', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'amount', amountVnd: 50000, label: 'Lệ phí' }] },
  ],
  components: [
    { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, required: true, templates: [{ name: 'Mẫu tờ khai đăng ký khai sinh', url: 'https://dichvucong.gov.vn/mau-to-khai.docx' }] },
    { name: 'Giấy chứng sinh', originals: 1, copies: null, required: true },
  ],
  steps: 'Bước 1: Người yêu cầu nộp hồ sơ.\nBước 2: Cán bộ tư pháp – hộ tịch kiểm tra hồ sơ và trả kết quả.',
  requirements: 'Không có',
  legalBases: [{ title: 'Luật Hộ tịch số 60/2014/QH13', code: '60/2014/QH13' }],
  results: [{ name: 'Giấy khai sinh (bản chính)', code: null }],
  decisionNumber: '163/QĐ-BTP',
};

async function createAndPublish(body: Record<string, unknown>): Promise<void> {
  const created = await t.call('POST', '/api/v1/procedures', { token, headers: { 'idempotency-key': key() }, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${body.code as string}/publish`, { token, headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({}, { web: true });
  browser = await launchBrowser();
  token = await t.tokenFor('kiemsoat.tinh');
  // The catalog starts empty: the national sample records, one procedure entered by hand, and a few
  // more so that the unfiltered list has a second page.
  const sample: unknown = JSON.parse(fs.readFileSync('src/modules/catalog/parse/fixtures/tthc-procedures.sample.json', 'utf8'));
  const imported = await t.call('POST', '/api/v1/catalog/import', { token, headers: { 'idempotency-key': key() }, body: sample });
  expect(imported.status).toBe(200);
  await createAndPublish(birthRegistration);
  for (let i = 1; i <= 8; i++) {
    await createAndPublish({
      code: `3.90000${i}`,
      name: `Thủ tục thử nghiệm số ${i}`,
      field: 'Thử nghiệm',
      levels: ['province'],
      channels: [{ channel: 'in_person', processingTime: { unit: 'working_days', value: i }, fees: [{ kind: 'free' }] }],
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

describe('procedure catalog for citizens', () => {
  it('finds "Đăng ký khai sinh" from the home page by typing without diacritics, as you type, with shareable filters', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Thủ tục hành chính' }).first().waitFor();
    await expectAccessible(page, 'home-search');
    await screenshot(page, 'catalog-home-360');
    await page.getByLabel('Tên thủ tục hoặc từ khóa').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/thu-tuc\?q=dang(\+|%20)ky(\+|%20)khai(\+|%20)sinh$/);
    const results = page.locator('#cat-results');
    await expect.poll(() => results.locator('li h3').first().textContent()).toBe('Đăng ký khai sinh');
    const first = results.locator('li').first();
    expect(await first.textContent()).toContain('1.001193');
    expect(await first.textContent()).toContain('Trực tuyến một phần');
    expect(await page.getByRole('status').filter({ hasText: /thủ tục phù hợp/ }).count()).toBe(1);
    await fitsPhone(page);
    await expectAccessible(page, 'catalog-search');
    await screenshot(page, 'catalog-search-360');

    // As you type: the results and the address follow the box.
    const box = page.getByRole('searchbox', { name: 'Tên thủ tục hoặc từ khóa' });
    await box.fill('');
    await box.pressSequentially('ket hon', { delay: 40 });
    await expect.poll(() => results.locator('li h3').first().textContent()).toBe('Thủ tục đăng ký kết hôn');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ket hon');

    // A filter goes into the address too; an opened link shows the same results.
    await box.fill('');
    await page.getByText('Lọc kết quả').click();
    await page.getByLabel('Cấp thực hiện').selectOption('commune');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('commune');
    const shared = await newPage(browser, phone);
    await shared.goto(page.url());
    await expect.poll(() => shared.locator('#cat-results li').count()).toBeGreaterThan(0);
    const levels = await shared.locator('#cat-results li .cat-meta').allTextContents();
    expect(levels.every((l) => l.includes('Cấp xã'))).toBe(true);
    await shared.context().close();
    await page.context().close();
  });

  it('pages the catalog with "Xem thêm" and moves focus to the first new result', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/thu-tuc`);
    const items = page.locator('#cat-results > li');
    await expect.poll(() => items.count()).toBe(20);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await expect.poll(() => items.count()).toBeGreaterThan(20);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('#cat-results > li')[20])).toBe(true);
    await page.getByRole('status').filter({ hasText: /^Có \d+ thủ tục phù hợp\.$/ }).waitFor();
    await page.context().close();
  });

  it('shows a procedure in plain Vietnamese: time limits and fees in words, papers, where to file; printable', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/thu-tuc?q=${encodeURIComponent('đăng ký khai sinh')}`);
    await page.locator('#cat-results').getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.waitForURL(`${t.baseUrl}/thu-tuc/1.001193`);
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    const inPerson = page.getByRole('region', { name: 'Nộp trực tiếp' });
    expect(await inPerson.textContent()).toContain('Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo');
    expect(await inPerson.textContent()).toContain('Miễn phí');
    const postal = page.getByRole('region', { name: 'Nộp qua bưu chính' });
    expect(await postal.textContent()).toContain('5 ngày làm việc');
    expect(await postal.textContent()).toContain('Lệ phí: 50.000 đồng');
    // On a phone each paper is a card that names its columns; it is still a table for screen readers.
    const row = page.getByRole('row', { name: /Tờ khai đăng ký khai sinh/ });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Bản chính: 1', 'Bản sao: 0', 'Bắt buộc: Có', 'Mẫu đơn, tờ khai: Mẫu tờ khai đăng ký khai sinh']);
    expect(await page.getByRole('columnheader', { name: 'Bản chính' }).count()).toBe(1);
    await page.getByText('Trung tâm Phục vụ hành chính công phường Phan Đình Phùng').waitFor();
    expect(await page.getByRole('term').filter({ hasText: 'Quyết định công bố' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('163/QĐ-BTP');
    expect(await page.getByRole('button', { name: /Nộp hồ sơ/ }).count()).toBe(0);
    await fitsPhone(page);
    await expectAccessible(page, 'catalog-procedure');
    await screenshot(page, 'catalog-procedure-360');

    // Printed on A4: no header, navigation or buttons; the papers as a table.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In trang này' }).isVisible()).toBe(false);
    expect(await page.locator('.cat-components thead').isVisible()).toBe(true);
    await screenshot(page, 'catalog-procedure-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(phone.viewport);

    // In English the words change, the texts of the procedure stay Vietnamese.
    await page.getByRole('button', { name: /^EN/ }).click();
    const byPost = page.getByRole('region', { name: 'By post' });
    expect(await byPost.textContent()).toContain('5 working days');
    expect(await byPost.textContent()).toContain('Lệ phí: 50,000 VND');
    expect(await page.getByRole('region', { name: 'In person' }).textContent()).toContain('The same day; received after 15:00, the next working day');
    await expectAccessible(page, 'catalog-procedure-en');
    await page.context().close();
  });

  it('shows imported national records, and a friendly message for an unknown code', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/thu-tuc/1.014278`);
    await page.getByRole('heading', { level: 1, name: /đóng cửa mỏ khoáng sản/ }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'catalog-procedure-imported');
    await screenshot(page, 'catalog-procedure-imported-360');

    await page.goto(`${t.baseUrl}/thu-tuc/1.999999`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục' }).waitFor();
    await page.getByText('không có thủ tục mã 1.999999').waitFor();
    await expectAccessible(page, 'catalog-procedure-404');
    await page.context().close();
  });
});

describe('procedure catalog for procedure-control officers', () => {
  it('creates a draft, publishes it, amends it and compares the two versions side by side', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'kiemsoat.tinh', '/kiem-soat-tthc');
    await page.getByRole('heading', { level: 2, name: 'Danh mục thủ tục' }).waitFor();
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).waitFor();
    await expectAccessible(page, 'catalog-control-list');
    await screenshot(page, 'catalog-control-list-360');

    await page.getByRole('link', { name: 'Tạo thủ tục mới' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tạo thủ tục mới' }).waitFor();
    // Nothing filled in: the problems are named next to the fields.
    await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    await page.getByText('Dữ liệu gửi lên không hợp lệ').waitFor();
    expect(await page.getByLabel('Mã thủ tục').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Tên thủ tục').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Mã thủ tục').fill('1.999001');
    await page.getByLabel('Tên thủ tục').fill('Cấp bản sao trích lục hộ tịch');
    await page.getByLabel('Lĩnh vực').fill('Hộ tịch');
    await page.getByRole('checkbox', { name: 'Cấp xã' }).check();
    await page.getByRole('checkbox', { name: 'Công dân' }).check();
    await page.getByLabel('Số ngày, giờ hoặc tháng').fill('3');
    await page.getByLabel('Phí, lệ phí').selectOption('amount');
    await page.getByLabel('Số tiền (đồng)').fill('8000');
    await page.getByLabel(/^Tên khoản thu/).fill('Phí cấp bản sao');
    await page.getByRole('button', { name: 'Thêm giấy tờ' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cp-0-name');
    await page.getByLabel('Tên giấy tờ').fill('Tờ khai cấp bản sao trích lục hộ tịch');
    await page.getByLabel('Số bản chính').fill('1');
    // A form schema the server refuses: the message is next to the text box.
    await page.getByText('Nâng cao: tờ khai trực tuyến (JSON Schema)').click();
    const schema = page.getByLabel('JSON Schema của tờ khai trực tuyến');
    await schema.fill('{"type":"object","properties":{"hoTen":{"type":"chuoi"}}}');
    await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    await page.getByText(/^Lược đồ chưa hợp lệ/).waitFor();
    expect(await schema.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'catalog-control-create-errors');
    await screenshot(page, 'catalog-control-create-errors-360');
    await schema.fill('{"type":"object","properties":{"hoTen":{"type":"string","title":"Họ và tên"}},"required":["hoTen"]}');
    await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    await page.getByText('Đã tạo bản dự thảo của thủ tục 1.999001.').waitFor();
    expect(new URL(page.url()).searchParams.get('ma')).toBe('1.999001');
    await fitsPhone(page);
    await expectAccessible(page, 'catalog-control-draft');
    await screenshot(page, 'catalog-control-draft-360');

    // Publish from today.
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByText(/^Đã công bố phiên bản 1, áp dụng từ ngày/).waitFor();
    // Amend: a new draft version, edited and saved.
    await page.getByRole('button', { name: 'Tạo phiên bản sửa đổi' }).click();
    await page.getByText('Đã tạo phiên bản dự thảo số 2. Sửa nội dung rồi công bố.').waitFor();
    await page.getByLabel('Số ngày, giờ hoặc tháng').fill('2');
    await page.getByRole('button', { name: 'Lưu bản dự thảo' }).click();
    await page.getByText('Đã lưu bản dự thảo.').waitFor();
    expect(
      (await t.database.db.selectFrom('procedure_versions').select(['version', 'status']).where('code', '=', '1.999001').orderBy('version').execute()).map((v) => [v.version, v.status]),
    ).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);

    // The two versions side by side (the draft is visible to its officer).
    await page.getByRole('link', { name: 'So sánh các phiên bản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Các phiên bản của thủ tục 1.999001' }).waitFor();
    const changed = page.getByRole('region', { name: /Cách nộp, thời hạn và phí/ });
    await changed.getByText('Đã thay đổi').waitFor();
    const columns = await changed.locator('.cmp-col').allTextContents();
    expect(columns[0]).toContain('Phiên bản 1');
    expect(columns[0]).toContain('3 ngày làm việc');
    expect(columns[1]).toContain('Phiên bản 2');
    expect(columns[1]).toContain('2 ngày làm việc');
    expect(await page.getByRole('region', { name: /^Tên thủ tục/ }).textContent()).toContain('Không đổi');
    expect(await page.locator('.cmp-head').textContent()).toMatch(/Phiên bản 1\s*Đang áp dụng\s*Áp dụng từ ngày \d{2}\/\d{2}\/\d{4}/);
    expect(await page.locator('.cmp-head').textContent()).toContain('Dự thảo');
    await page.getByRole('status').filter({ hasText: 'Có 1 mục khác nhau:' }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'catalog-versions');
    await screenshot(page, 'catalog-versions-360');
    await page.setViewportSize(desktop.viewport);
    await screenshot(page, 'catalog-versions-1280');
    await page.context().close();
  });

  it('abolishes a procedure: out of the search, its page says so', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'kiemsoat.tinh', '/kiem-soat-tthc?ma=3.900008');
    await page.getByRole('heading', { level: 2, name: /Thủ tục thử nghiệm số 8/ }).waitFor();
    await page.getByText('Bãi bỏ thủ tục', { exact: true }).click();
    await page.getByLabel(/^Số quyết định công bố/).fill('12/QĐ-UBND');
    await page.getByLabel(/^Lý do/).fill('Bãi bỏ theo Nghị quyết của Hội đồng nhân dân tỉnh');
    await page.getByRole('button', { name: 'Xác nhận bãi bỏ' }).click();
    await page.getByText(/^Đã bãi bỏ thủ tục 3\.900008 từ ngày/).waitFor();
    await page.getByText('Thủ tục đã bị bãi bỏ; không còn thao tác nào.').waitFor();
    await expectAccessible(page, 'catalog-control-abolished');

    await page.goto(`${t.baseUrl}/thu-tuc?q=${encodeURIComponent('thu nghiem so 8')}`);
    await page.getByRole('status').filter({ hasText: /thủ tục/ }).waitFor();
    expect(await page.locator('#cat-results').getByText('Thủ tục thử nghiệm số 8').count()).toBe(0);
    await page.goto(`${t.baseUrl}/thu-tuc/3.900008`);
    await page.getByText(/^Thủ tục này đã bị bãi bỏ từ ngày \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.context().close();
  });

  it('refuses the officer pages to a citizen', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an', '/kiem-soat-tthc');
    await page.getByText('Trang này dành cho cán bộ kiểm soát thủ tục hành chính.').waitFor();
    expect(await page.getByRole('link', { name: 'Kiểm soát thủ tục' }).count()).toBe(0);
    await page.context().close();
  });
});

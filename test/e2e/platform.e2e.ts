import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser.js';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({}, { web: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const phone = { viewport: { width: 360, height: 780 }, locale: 'vi-VN' };

describe('platform shell in the browser', () => {
  it('shows the public home page in Vietnamese, accessible, on a phone', async () => {
    const page = await newPage(browser, phone);
    await page.goto(`${t.baseUrl}/`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Đăng nhập' }).count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'home');
    await screenshot(page, 'platform-home-360');
    await page.context().close();
  });

  it('signs a citizen in: their account shows no officer role, and the administration page is refused', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'congdan.an');
    await page.getByText('Nguyễn Văn An').first().waitFor();
    await page.getByText('Tài khoản này không có vai trò cán bộ.').waitFor();
    await expectAccessible(page, 'account-citizen');
    await screenshot(page, 'platform-account-citizen');
    await page.goto(`${t.baseUrl}/quan-tri`);
    await page.getByText('Trang này dành cho cán bộ có quyền quản trị hệ thống.').waitFor();
    await page.context().close();
  });

  it('signs a desk officer in: the account lists the reception role at their centre', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'motcua.tinh');
    const row = page.getByRole('row', { name: /Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('H55.01');
    expect(await row.textContent()).toContain('Tiếp nhận');
    await screenshot(page, 'platform-account-officer');
    await page.context().close();
  });

  it('lets the province administrator browse units and create an agency, once, despite a double click', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await signIn(page, t.baseUrl, 'quantri.tinh', '/quan-tri');
    await page.getByRole('tab', { name: 'Đơn vị hành chính' }).waitFor();
    await page.getByText('Thành phố Hà Nội').first().waitFor();
    await expectAccessible(page, 'admin-units');
    await screenshot(page, 'platform-admin-units');

    await page.getByRole('tab', { name: 'Cơ quan' }).click();
    await page.getByText('Sở Tư pháp tỉnh Thái Nguyên').first().waitFor();
    const before = await t.database.db.selectFrom('agencies').select('code').execute();
    await page.getByRole('button', { name: /Thêm cơ quan/ }).click();
    await page.getByLabel(/^Mã định danh/).fill('H55.40');
    await page.getByLabel(/^Tên cơ quan/).fill('Sở Xây dựng tỉnh Thái Nguyên');
    await page.getByLabel(/^Cơ quan cấp trên/).selectOption('H55');
    const submit = page.getByRole('button', { name: /^Lưu/ });
    await submit.dblclick();
    await page.getByText('Sở Xây dựng tỉnh Thái Nguyên').first().waitFor();
    const after = await t.database.db.selectFrom('agencies').select('code').execute();
    expect(after.length).toBe(before.length + 1);
    await expectAccessible(page, 'admin-agencies');
    await screenshot(page, 'platform-admin-agencies');
    await page.context().close();
  });
});

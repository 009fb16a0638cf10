import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { publishProcedure, receivedDossier } from '../../src/modules/notifications/api.test-support.js';
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

const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
const phone = { viewport: { width: 360, height: 780 }, locale: 'vi-VN' };

/** Opens the calendar tab and shows the given month with the month and year pickers. */
async function showMonth(page: Page, year: number, month: number): Promise<void> {
  const calendar = page.getByRole('tabpanel');
  await calendar.getByLabel('Năm', { exact: true }).selectOption(String(year));
  await calendar.getByLabel('Tháng', { exact: true }).selectOption(String(month));
  await page.getByRole('table', { name: new RegExp(`^Tháng ${month} năm ${year}`) }).waitFor();
}

/** A day of the month view, found by what it says to a screen reader. */
const dayCell = (page: Page, day: number, month: number, year: number) =>
  page.getByRole('cell', { name: new RegExp(`ngày ${day} tháng ${month} năm ${year}\\b|\\b${day} \\w+ ${year}\\b`) });

describe('working calendar in the administration page', () => {
  it('shows Tết 2026 on the month view, computes a deadline, adds and revokes a day off', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'quantri.tinh', '/quan-tri?tab=lich');
    await expect.poll(() => page.getByRole('tab', { name: 'Lịch làm việc' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { name: 'Lịch làm việc', level: 2 }).waitFor();

    // February 2026: 17/02 is mùng 1 Tết (lunar 1/1), a statutory holiday.
    await showMonth(page, 2026, 2);
    const headers = await page.getByRole('table', { name: /^Tháng 2 năm 2026/ }).getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật']);
    const tet = dayCell(page, 17, 2, 2026);
    const tetName = await tet.textContent();
    expect(tetName).toContain('Thứ Ba, ngày 17 tháng 2 năm 2026');
    expect(tetName).toContain('mùng 1 tháng Giêng năm Bính Ngọ');
    expect(tetName).toContain('Nghỉ lễ, Tết: Tết Âm lịch');
    expect(await tet.locator('.cal-lunar').textContent()).toBe('1/1');
    expect(await tet.locator('.cal-tag').textContent()).toBe('Nghỉ lễ');
    expect(await tet.locator('.cal-reason').textContent()).toBe('Tết Âm lịch');
    // Monday first: 01/02/2026 is a Sunday, in the last column of the first row.
    const firstRow = page.getByRole('table', { name: /^Tháng 2 năm 2026/ }).locator('tbody tr').first();
    expect(await firstRow.locator('td').nth(6).locator('.cal-solar').textContent()).toBe('1');
    await page.getByRole('listitem').filter({ hasText: /^Nghỉ lễ\s*17\/02 \(Thứ Ba\) — Nghỉ lễ, Tết: Tết Âm lịch/ }).waitFor();
    await expectAccessible(page, 'calendar-month');
    await screenshot(page, 'calendar-month-1280');

    // The deadline calculator: Fri 13/02/2026 16:00 + 3 working days skips the Tết week.
    await page.getByLabel(/^Thời điểm tiếp nhận/).fill('2026-02-13T16:00');
    await page.getByLabel(/^Thời hạn/).fill('3');
    await page.getByLabel(/^Đơn vị/).selectOption('working_days');
    await page.getByRole('button', { name: 'Tính hạn' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Hạn giải quyết' });
    await result.getByText('16:00 25/02/2026').waitFor();
    expect(await result.textContent()).toContain('Thứ Tư');
    const skipped = page.getByRole('list', { name: /^Ngày không tính/ });
    expect(await skipped.getByRole('listitem').count()).toBe(9);
    expect(await skipped.textContent()).toContain('17/02/2026 (Thứ Ba) — Nghỉ lễ, Tết: Tết Âm lịch');

    // A day off on Wednesday 03/03/2027, entered through the form.
    await page.getByRole('button', { name: 'Thêm ngày nghỉ hoặc làm bù' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Thêm ngày nghỉ hoặc ngày làm bù');
    const save = page.getByRole('button', { name: /^Lưu/ });
    await save.click(); // nothing filled in: field-level messages
    const alert = page.locator('.schedule-form [role="alert"]');
    await alert.getByText('Dữ liệu gửi lên không hợp lệ').waitFor();
    expect(await page.getByLabel('Ngày', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Căn cứ/).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Ngày', { exact: true }).fill('2027-03-03');
    await page.getByLabel(/^Loại/).selectOption('day_off');
    await page.getByLabel(/^Lý do \(tiếng Việt\)/).fill('Nghỉ theo thông báo thử nghiệm');
    await page.getByLabel(/^Lý do \(tiếng Anh\)/).fill('Test day off');
    await page.getByLabel(/^Căn cứ/).fill('Thông báo thử nghiệm số 1');
    await save.dblclick();
    await page.getByRole('status').filter({ hasText: 'Đã thêm mục ngày 03/03/2027 (Nghỉ)' }).waitFor();
    const rows = await t.database.db.selectFrom('calendar_overrides').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ date: '2027-03-03', kind: 'day_off', source: 'Thông báo thử nghiệm số 1' });

    // The list of 2027 shows it, and the month view moved to March 2027 with the day marked.
    await page.getByRole('heading', { name: 'Ngày nghỉ, ngày làm bù đã nhập năm 2027' }).waitFor();
    const row = page.getByRole('row', { name: /03\/03\/2027/ });
    expect(await row.textContent()).toContain('Nghỉ theo thông báo thử nghiệm');
    expect(await row.textContent()).toContain('quantri.tinh');
    expect(await row.textContent()).toContain('Đang áp dụng');
    const entered = dayCell(page, 3, 3, 2027);
    await expect.poll(() => entered.textContent()).toContain('Nghỉ theo thông báo: Nghỉ theo thông báo thử nghiệm');
    expect(await entered.locator('.cal-tag').textContent()).toBe('Nghỉ');
    await screenshot(page, 'calendar-entry-added-1280');

    // The same date again: refused, the message in the alert region and at the date field.
    await page.getByRole('button', { name: 'Thêm ngày nghỉ hoặc làm bù' }).click();
    await page.getByLabel('Ngày', { exact: true }).fill('2027-03-03');
    await page.getByLabel(/^Lý do \(tiếng Việt\)/).fill('Lần nữa');
    await page.getByLabel(/^Lý do \(tiếng Anh\)/).fill('Again');
    await page.getByLabel(/^Căn cứ/).fill('Thử');
    await save.click();
    await alert.getByText(/đã có mục lịch đang hiệu lực/).waitFor();
    expect(await page.locator('#schedule-date-error').textContent()).toMatch(/đã có mục lịch đang hiệu lực/);
    await page.getByRole('button', { name: 'Hủy', exact: true }).click();

    // Revoke it: asked for a reason, then struck through with who and why.
    await page.getByRole('button', { name: 'Hủy mục ngày 03/03/2027' }).click();
    await page.getByLabel(/^Lý do hủy/).fill('Nhập nhầm');
    await page.getByRole('button', { name: 'Xác nhận hủy' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã hủy mục ngày 03/03/2027' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Đã hủy');
    expect(await row.textContent()).toContain('bởi quantri.tinh');
    expect(await row.textContent()).toContain('Lý do hủy: Nhập nhầm');
    expect(await row.locator('td.strike').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    expect(await page.getByRole('button', { name: 'Hủy mục ngày 03/03/2027' }).count()).toBe(0);
    await expect.poll(() => dayCell(page, 3, 3, 2027).textContent()).toContain('Ngày làm việc');
    const after = await t.database.db.selectFrom('calendar_overrides').selectAll().execute();
    expect(after).toHaveLength(1);
    expect(after[0]!.revoke_reason).toBe('Nhập nhầm');
    await expectAccessible(page, 'calendar-schedule');
    await screenshot(page, 'calendar-schedule-1280');
    await page.context().close();
  });

  it('lists the received dossiers a new day off re-dates, each linked to its back-office page', async () => {
    await publishProcedure(t, '3.990777', 3);
    const d = await receivedDossier(t, '3.990777', true);
    // The first working day after receipt lies inside the dossier's time limit.
    const next = await t.call('GET', `/api/v1/calendar/deadline?start=${encodeURIComponent(d.body.receivedAt)}&workingDays=1&agency=H55.01`);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(next.body.due));
    const [y, m, dd] = day.split('-');

    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'quantri.tinh', '/quan-tri?tab=lich');
    await page.getByRole('heading', { name: 'Lịch làm việc', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Thêm ngày nghỉ hoặc làm bù' }).click();
    await page.getByLabel('Ngày', { exact: true }).fill(day);
    await page.getByLabel(/^Loại/).selectOption('day_off');
    await page.getByLabel(/^Lý do \(tiếng Việt\)/).fill('Nghỉ đột xuất theo thông báo');
    await page.getByLabel(/^Lý do \(tiếng Anh\)/).fill('Extra day off');
    await page.getByLabel(/^Căn cứ/).fill('Thông báo thử nghiệm số 2');
    await page.getByRole('button', { name: /^Lưu/ }).click();
    await page.getByRole('status').filter({ hasText: `Đã thêm mục ngày ${dd}/${m}/${y}` }).waitFor();
    const panel = page.getByRole('region', { name: /dời hạn giải quyết của 1 hồ sơ đã tiếp nhận/ });
    await panel.waitFor();
    const link = panel.getByRole('link', { name: d.code });
    expect(await link.getAttribute('href')).toBe(`/mot-cua/ho-so/${encodeURIComponent(d.code)}`);
    // The dossier's history has the re-dating, in the same transaction as the schedule change.
    const history = await t.call('GET', `/api/v1/dossiers/${d.code}/history`, { token: await t.tokenFor('chuyenvien.tuphap') });
    expect(JSON.stringify(history.body.items)).toMatch(/REDATE/);
    await expectAccessible(page, 'calendar-redated');
    await screenshot(page, 'calendar-redated-1280');
    await page.context().close();
  });

  it('fits a phone: compact cells, no sideways scrolling of the page', async () => {
    const page = await newPage(browser, phone);
    await signIn(page, t.baseUrl, 'quantri.tinh', '/quan-tri?tab=lich');
    await showMonth(page, 2026, 2);
    const tet = dayCell(page, 17, 2, 2026);
    expect(await tet.locator('.cal-tag').isVisible()).toBe(true);
    expect(await tet.locator('.cal-reason').isVisible()).toBe(false); // listed under the grid instead
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const grid = await page.locator('.cal-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(grid.scroll).toBeLessThanOrEqual(grid.client);
    // Short weekday headers on screen, the full names for screen readers.
    expect(await page.getByRole('columnheader', { name: 'Chủ Nhật' }).count()).toBe(1);
    await expectAccessible(page, 'calendar-phone');
    await screenshot(page, 'calendar-month-360');
    await page.context().close();
  });

  it('refuses schedule changes to a commune administrator, whose month view still works', async () => {
    const page = await newPage(browser, desktop);
    await signIn(page, t.baseUrl, 'quantri.tichluong', '/quan-tri?tab=lich');
    await showMonth(page, 2026, 8);
    expect(await dayCell(page, 22, 8, 2026).textContent()).toContain('Ngày làm bù');
    expect(await dayCell(page, 22, 8, 2026).locator('.cal-tag').textContent()).toBe('Làm bù');
    await page.getByText(/Lịch làm việc chung do quản trị viên của Ủy ban nhân dân cấp tỉnh/).first().waitFor();
    await page.getByRole('button', { name: 'Thêm ngày nghỉ hoặc làm bù' }).click();
    await page.getByLabel('Ngày', { exact: true }).fill('2027-01-04');
    await page.getByLabel(/^Lý do \(tiếng Việt\)/).fill('Nghỉ bù');
    await page.getByLabel(/^Lý do \(tiếng Anh\)/).fill('Day off');
    await page.getByLabel(/^Căn cứ/).fill('Thử');
    await page.getByRole('button', { name: /^Lưu/ }).click();
    const alert = page.locator('.schedule-form [role="alert"]');
    await alert.getByText('Bạn không có quyền thực hiện thao tác này').waitFor();
    expect(await alert.textContent()).toContain('Lịch làm việc chung do quản trị viên');
    expect(await t.database.db.selectFrom('calendar_overrides').select('id').where('date', '=', '2027-01-04').execute()).toHaveLength(0);
    await expectAccessible(page, 'calendar-forbidden');
    await screenshot(page, 'calendar-forbidden-1280');

    // The tab's own texts (its chunk) in English too.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('table', { name: /^August 2026/ }).waitFor();
    expect(await dayCell(page, 22, 8, 2026).textContent()).toContain('Saturday 22 August 2026');
    await alert.getByText('You are not allowed to do this').waitFor();
    await page.getByRole('heading', { name: 'Deadline calculator' }).waitFor();
    await page.context().close();
  });
});

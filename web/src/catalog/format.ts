/**
 * Time limits, fees and dates in words, in the current language: "5 ngày làm việc", "Trong ngày;
 * nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo", "50.000 đồng", "Miễn phí", "23/11/2026".
 */
import type { Lang } from '../i18n.js';
import type { CatalogT } from './i18n.js';
import type { Duration, Fee, ProcessingTime, TimeUnit } from './types.js';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 }).format(n);
}

/** @example formatVnd(50000, t, 'vi') // '50.000 đồng' */
export function formatVnd(amount: number, t: CatalogT, lang: Lang): string {
  return t('money.vnd', { amount: formatNumber(amount, lang) });
}

/** 'YYYY-MM-DD' → '23/11/2026' (vi) or '23 November 2026' (en). */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (lang === 'vi') return `${d}/${mo}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))),
  );
}

/** '15:00' → '15 giờ', '15:30' → '15 giờ 30'. */
function formatClock(hhmm: string, t: CatalogT): string {
  const [h = '', m = '00'] = hhmm.split(':');
  const hour = String(Number(h));
  return m === '00' ? t('time.clock', { h: hour }) : t('time.clockMinutes', { h: hour, m });
}

export function formatDuration(d: Duration, t: CatalogT, lang: Lang): string {
  let text: string;
  if (d.unit === 'same_day') {
    if (!d.cutoff) text = t('time.same_day');
    else text = t(d.afterCutoff === 'next_working_day' ? 'time.sameDayCutoff' : 'time.sameDayUntil', { time: formatClock(d.cutoff, t) });
  } else {
    const value = d.value ?? 0;
    text = t(`time.${d.unit}`, { count: value, n: formatNumber(value, lang) });
  }
  if (d.countFrom === 'receipt') return t('time.fromReceipt', { time: text });
  if (d.countFrom === 'next_working_day') return t('time.fromNextDay', { time: text });
  return text;
}

export function formatProcessingTime(pt: ProcessingTime, t: CatalogT, lang: Lang): string {
  const main = formatDuration(pt, t, lang);
  if (!pt.alternatives?.length) return main;
  return t('time.alternatives', { main, others: pt.alternatives.map((a) => formatDuration(a, t, lang)).join('; ') });
}

export function formatFee(fee: Fee, t: CatalogT, lang: Lang): string {
  if (fee.kind === 'free') return fee.text ? `${t('money.free')} — ${fee.text}` : t('money.free');
  if (fee.kind === 'rule') {
    const foreign = fee.amount !== undefined && fee.currency ? t('money.foreign', { amount: formatNumber(fee.amount, lang), currency: fee.currency }) : null;
    return foreign && !fee.text.includes(String(fee.amount)) ? `${fee.text} (${foreign})` : fee.text;
  }
  const amount = formatVnd(fee.amountVnd, t, lang);
  const priced = fee.per ? t('money.per', { amount, per: fee.per }) : amount;
  // A label with digits is the published text the amount was read from; without, a name ("Lệ phí").
  const label = fee.label.trim();
  return label && !/\d/.test(label) ? t('money.labelled', { label, amount: priced }) : priced;
}

const SUMMARY_UNITS: Record<string, TimeUnit> = { 'Ngày làm việc': 'working_days', Ngày: 'calendar_days', Giờ: 'working_hours', Tháng: 'months' };

/**
 * The search results carry each channel's time limit as the server's Vietnamese text ("3 Ngày làm
 * việc", "Trong ngày; sau 15 giờ 00 phút trả trong ngày làm việc tiếp theo"). Read back into a
 * duration so that it reads like the procedure page, in the current language; null when the text
 * has another form (it is then shown as it is).
 */
export function durationFromSummary(text: string): Duration | null {
  const plain = /^(\d+(?:\.\d+)?) (Ngày làm việc|Ngày|Giờ|Tháng)$/.exec(text);
  if (plain) return { unit: SUMMARY_UNITS[plain[2]!]!, value: Number(plain[1]) };
  if (text === 'Trong ngày') return { unit: 'same_day' };
  const cutoff = /^Trong ngày; sau (\d{2}) giờ (\d{2}) phút trả trong ngày làm việc tiếp theo$/.exec(text);
  if (cutoff) return { unit: 'same_day', cutoff: `${cutoff[1]}:${cutoff[2]}`, afterCutoff: 'next_working_day' };
  return null;
}

/** Today in Viet Nam (UTC+7), 'YYYY-MM-DD': the default effective date. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

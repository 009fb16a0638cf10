/**
 * How slips write instants, durations and file names. Pure: Viet Nam time is UTC+7 all year (no
 * daylight saving), so the fields are read from the shifted instant and never from the host's zone.
 */
import { VN_OFFSET_MS, type Duration } from '../calendar/index.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

interface VnFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function vnFields(at: Date): VnFields {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * The date as forms print it: "ngày 05 tháng 03 năm 2026".
 *
 * @example vnDateWords(new Date('2026-03-04T17:30:00Z')) // 'ngày 05 tháng 03 năm 2026' (00:30 in Viet Nam)
 */
export function vnDateWords(at: Date): string {
  const f = vnFields(at);
  return `ngày ${pad2(f.day)} tháng ${pad2(f.month)} năm ${f.year}`;
}

/**
 * The instant as the one-stop forms print it (domain.md §3.3): "08 giờ 30 phút, ngày 05 tháng 03 năm 2026".
 */
export function vnDateTimeWords(at: Date): string {
  const f = vnFields(at);
  return `${pad2(f.hour)} giờ ${pad2(f.minute)} phút, ${vnDateWords(at)}`;
}

/** Short form for table cells: "08:30 05/03/2026". */
export function vnShortDateTime(at: Date): string {
  const f = vnFields(at);
  return `${pad2(f.hour)}:${pad2(f.minute)} ${pad2(f.day)}/${pad2(f.month)}/${f.year}`;
}

/** A time limit or step budget in words: "03 ngày làm việc", "4 giờ làm việc", "trong ngày". */
export function durationWords(d: Duration): string {
  switch (d.unit) {
    case 'working_days':
      return `${pad2(d.value)} ngày làm việc`;
    case 'working_hours':
      return `${d.value} giờ làm việc`;
    case 'working_minutes':
      return `${d.value} phút làm việc`;
    case 'calendar_days':
      return `${pad2(d.value)} ngày`;
    case 'same_day':
      return d.cutoff ? `trong ngày (tiếp nhận sau ${d.cutoff} trả trong ngày làm việc tiếp theo)` : 'trong ngày';
  }
}

/** Working minutes as hours for the per-agency time table: "12 giờ 30 phút". */
export function workingMinutesWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

/** Vietnamese without diacritics, for the ASCII fallback of a file name. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** RFC 5987 value: percent-encoded UTF-8, with the characters RFC 5987 reserves encoded too. */
const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An inline Content-Disposition with an ASCII fallback and the Vietnamese name (RFC 6266 + RFC 5987).
 *
 * @example contentDisposition('Giấy tiếp nhận hồ sơ H55.01-260302-0001.pdf')
 * // inline; filename="Giay tiep nhan ho so H55.01-260302-0001.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20…
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.normalize('NFC');
  const ascii = foldVietnamese(name).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

import { describe, expect, it } from 'vitest';
import { formatProcessingTime, parseNumberWords, parseProcessingTime, type ProcessingTime } from './processing-time.js';

type Expected = Partial<Omit<ProcessingTime, 'raw' | 'alternatives'>> & { alternatives?: number };

// Snippets are taken from the national portal records (cach_thuc_thuc_hien, trinh_tu_thuc_hien).
const parsed: Array<[string, Expected]> = [
  ['5 Ngày làm việc', { unit: 'working_days', value: 5 }],
  ['30 Ngày', { unit: 'calendar_days', value: 30 }],
  ['3 Giờ', { unit: 'working_hours', value: 3 }],
  ['8 Giờ', { unit: 'working_hours', value: 8 }],
  ['12 Tháng', { unit: 'months', value: 12 }],
  ['5', { unit: 'working_days', value: 5, unitAssumed: true }],
  ['0,5 Ngày làm việc', { unit: 'working_days', value: 0.5 }],
  ['trong thời hạn 02 ngày làm việc', { unit: 'working_days', value: 2 }],
  [
    'Thời hạn kiểm tra: trong thời hạn 02 ngày làm việc, kể từ ngày nhận đủ hồ sơ đúng quy định',
    { unit: 'working_days', value: 2, countFrom: 'receipt' },
  ],
  ['05 (năm) ngày làm việc kể từ ngày nhận hồ sơ hợp lệ.', { unit: 'working_days', value: 5, countFrom: 'receipt' }],
  ['21 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', { unit: 'calendar_days', value: 21, countFrom: 'receipt' }],
  ['tối đa là 30 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ', { unit: 'calendar_days', value: 30, countFrom: 'receipt' }],
  [
    'Trong thời hạn 02 ngày làm việc kể từ ngày kết thúc kiểm tra',
    { unit: 'working_days', value: 2, countFrom: undefined },
  ],
  [
    'Trả kết quả trong 03 ngày làm việc kể từ ngày làm việc tiếp theo ngày nhận hồ sơ',
    { unit: 'working_days', value: 3, countFrom: 'next_working_day' },
  ],
  [
    'Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo',
    { unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day' },
  ],
  [
    'Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký trong ngày làm việc nhận được hồ sơ hợp lệ; nếu thời điểm nhận hồ sơ sau 15 giờ cùng ngày thì có thể hoàn thành việc đăng ký trong ngày làm việc tiếp theo. Trường hợp cơ quan đăng ký có lý do chính đáng phải kéo dài thời gian giải quyết hồ sơ đăng ký thì thời hạn giải quyết hồ sơ không quá 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ (khoản 1 Điều 16 Nghị định số 99/2022/NĐ-CP).',
    { unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day', alternatives: 1 },
  ],
  ['Trong ngày; sau 15h30 trả trong ngày làm việc tiếp theo', { unit: 'same_day', cutoff: '15:30' }],
  ['đổi ngay', { unit: 'same_day' }],
  [
    '- 03 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; - 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ trong trường hơp cần kiểm tra thực tế',
    { unit: 'working_days', value: 3, countFrom: 'receipt', alternatives: 1 },
  ],
  ['không quá 8 giờ làm việc', { unit: 'working_hours', value: 8 }],
  ['trong vòng mười lăm ngày', { unit: 'calendar_days', value: 15 }],
  ['từ 10 đến 15 ngày làm việc', { unit: 'working_days', value: 15 }],
  ['Áp dụng đến hết ngày 31/12/2026; giải quyết trong 10 ngày', { unit: 'calendar_days', value: 10 }],
  ['ngày 31 tháng 12 năm 2025; thời hạn 2 tháng', { unit: 'months', value: 2 }],
];

const failed: Array<[string, string]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['Không có thông tin', 'not_provided'],
  ['Không', 'not_specified'],
  ['Không quy định', 'not_specified'],
  ['Trực tiếp tại Công an đơn vị, địa phương có thẩm quyền.', 'no_duration_found'],
  ['0 Ngày làm việc', 'invalid_value'],
  ['0', 'invalid_value'],
  ['-3', 'invalid_value'],
  ['9999 ngày', 'invalid_value'],
];

describe('parseProcessingTime', () => {
  it.each(parsed)('parses %j', (input, expected) => {
    const r = parseProcessingTime(input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const { alternatives, ...fields } = expected;
    for (const [key, value] of Object.entries(fields)) {
      expect(r.value[key as keyof ProcessingTime], key).toEqual(value);
    }
    if (alternatives !== undefined) expect(r.value.alternatives ?? []).toHaveLength(alternatives);
    expect(r.value.raw).toBe(input.trim());
  });

  it.each(failed)('rejects %j as %s', (input, reason) => {
    const r = parseProcessingTime(input);
    expect(r).toMatchObject({ ok: false, reason });
  });

  it('keeps the raw text on failure', () => {
    expect(parseProcessingTime('Không có thông tin')).toEqual({ ok: false, raw: 'Không có thông tin', reason: 'not_provided' });
  });

  it('does not read clock times, dates or years as durations', () => {
    const r = parseProcessingTime('Nộp trước 15 giờ ngày 20/10/2025 theo Luật phí và lệ phí năm 2015');
    expect(r).toMatchObject({ ok: false, reason: 'no_duration_found' });
  });

  it('round-trips its own rendering', () => {
    const samples: Array<Pick<ProcessingTime, 'unit' | 'value' | 'cutoff'>> = [
      { unit: 'working_days', value: 7 },
      { unit: 'calendar_days', value: 45 },
      { unit: 'working_hours', value: 4 },
      { unit: 'months', value: 3 },
      { unit: 'same_day' },
      { unit: 'same_day', cutoff: '15:00' },
    ];
    for (const t of samples) {
      const r = parseProcessingTime(formatProcessingTime(t));
      expect(r.ok && { unit: r.value.unit, value: r.value.value, cutoff: r.value.cutoff }).toEqual({
        unit: t.unit,
        value: t.value,
        cutoff: t.cutoff,
      });
    }
  });
});

describe('parseNumberWords', () => {
  it.each([
    ['ba', 3],
    ['mười', 10],
    ['mười lăm', 15],
    ['hai mươi', 20],
    ['bốn mươi lăm', 45],
    ['ba mươi mốt', 31],
  ])('%s = %d', (words, n) => expect(parseNumberWords(words)).toBe(n));

  it.each(['', 'lăm', 'ngày', 'mười mười', 'một hai ba bốn'])('%j is not a number', (words) => {
    expect(parseNumberWords(words)).toBeNull();
  });
});

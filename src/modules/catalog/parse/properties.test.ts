import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChannels } from './channels.js';
import { parseDossierComponents } from './components.js';
import { formatVnd, formatVndNumber, MAX_FEE_VND, parseFees, parseVndNumber, type Fee } from './fees.js';
import { parseLegalBases } from './legal-bases.js';
import { parseProcessingTime } from './processing-time.js';
import { parseCatalogCsvRow, parseProcedureRecord } from './record.js';
import { parseProcessingResult } from './result-documents.js';
import { normalizeSearchText, toSearchKey } from './search-text.js';

/** Pieces of real cells, so random strings reach the interesting branches, not only the "no match" ones. */
const FRAGMENTS = [
  'Hình thức nộpThời gianPhí, lệ phíMô tả',
  'Trực tiếp',
  'Trực tuyến',
  'Dịch vụ bưu chính',
  '5',
  '12',
  '0',
  '-',
  ' Ngày làm việc',
  ' Ngày',
  ' Giờ',
  ' Tháng',
  'Miễn phí',
  'Không có thông tin',
  'Không',
  '50,000',
  '2.000',
  ' Việt Nam Đồng',
  ' VNĐ',
  ' USD',
  ' đồng/trang',
  'triệu ',
  '(',
  ')',
  ';',
  '.',
  ' ',
  'trong ngày',
  'sau 15 giờ',
  'ngày làm việc tiếp theo',
  'kể từ ngày nhận đủ hồ sơ',
  '--',
  'Tên giấy tờMẫu đơn, tờ khaiSố lượng',
  'Đơn đề nghị',
  'Mẫu số 01.docx',
  '1 bản chính',
  ',1 bản sao',
  '01 bản chính',
  'Bản chính: 1 Bản sao: 0',
  '(nếu có)',
  'Tên văn bản pháp lýMã văn bản',
  '08/2021/NĐ-CP',
  '54/2019/QH14',
  'Luật',
  'Mã: ',
  'KQ.G10.001221',
  'Từ khóa',
  'Mô tả',
  'Chọn cơ quan thực hiện',
  'Nộp hồ sơ',
  'đ',
  'Ư',
  '\u0301',
  '\u00a0',
  '\n',
];

const cellLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), cellLike);

const PARSERS: Array<[string, (s: string) => unknown]> = [
  ['parseProcessingTime', parseProcessingTime],
  ['parseFees', parseFees],
  ['parseChannels', parseChannels],
  ['parseDossierComponents', parseDossierComponents],
  ['parseLegalBases', parseLegalBases],
  ['parseProcessingResult', parseProcessingResult],
  ['normalizeSearchText', normalizeSearchText],
  ['toSearchKey', toSearchKey],
];

function amounts(fees: Fee[]): number[] {
  return fees.flatMap((f) => (f.kind === 'amount' ? [f.amountVnd] : f.kind === 'rule' && f.amount !== undefined ? [f.amount] : []));
}

describe('parsers never throw', () => {
  it.each(PARSERS)('%s', (_name, parse) => {
    fc.assert(
      fc.property(anyText, (s) => {
        parse(s);
      }),
      { numRuns: 400 },
    );
  });

  it('parseProcedureRecord on arbitrary JSON values and on records with arbitrary cells', () => {
    const record = fc.record(
      {
        ma_thu_tuc: fc.oneof(fc.constant('1.001193'), fc.string()),
        ten_thu_tuc: fc.oneof(fc.constant('Đăng ký khai sinh'), fc.string()),
        cap_thuc_hien: anyText,
        doi_tuong_thuc_hien: anyText,
        cach_thuc_thuc_hien: anyText,
        thanh_phan_ho_so: anyText,
        can_cu_phap_ly: anyText,
        ket_qua_xu_ly: anyText,
        so_quyet_dinh: anyText,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), record), (value) => {
        const r = parseProcedureRecord(value);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('parseCatalogCsvRow on arbitrary rows', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))), fc.dictionary(fc.string(), fc.string())), (row) => {
        parseCatalogCsvRow(row);
      }),
    );
  });
});

describe('fees', () => {
  it('amounts are never negative, and VND amounts are whole and bounded', () => {
    const signed = fc
      .tuple(fc.constantFrom('', '-', '- ', '−', 'Lệ phí: -', 'Phí '), fc.nat({ max: 10_000_000 }), fc.constantFrom(' đồng', 'đ', ' VNĐ', ' USD', ' Việt Nam Đồng'))
      .map(([prefix, n, currency]) => `${prefix}${formatVndNumber(n)}${currency}`);
    fc.assert(
      fc.property(fc.oneof(anyText, signed), (s) => {
        const r = parseFees(s);
        if (!r.ok) return;
        for (const a of amounts(r.value)) expect(a).toBeGreaterThanOrEqual(0);
        for (const f of r.value) {
          if (f.kind === 'amount') {
            expect(Number.isInteger(f.amountVnd)).toBe(true);
            expect(f.amountVnd).toBeLessThanOrEqual(MAX_FEE_VND);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a glued minus sign is always an error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom(' đồng', ' VNĐ', 'đ'), (n, currency) => {
        expect(parseFees(`-${formatVndNumber(n)}${currency}`)).toMatchObject({ ok: false, reason: 'negative_amount' });
      }),
    );
  });

  it('formatted VND numbers round-trip (dot and comma grouping)', () => {
    fc.assert(
      fc.property(fc.nat({ max: MAX_FEE_VND }), (n) => {
        expect(parseVndNumber(formatVndNumber(n))).toBe(n);
        expect(parseVndNumber(n.toLocaleString('en-US'))).toBe(n);
        const r = parseFees(formatVnd(n));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(n === 0 ? [{ kind: 'free', text: '0 đồng' }] : [{ kind: 'amount', amountVnd: n, label: formatVnd(n) }]);
      }),
      { numRuns: 500 },
    );
  });

  it('portal fee cells round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom('Việt Nam Đồng', 'VNĐ'), (n, currency) => {
        const r = parseFees(`${n.toLocaleString('en-US')} ${currency}`);
        expect(r.ok && r.value[0]).toMatchObject({ kind: 'amount', amountVnd: n });
      }),
    );
  });
});

describe('processing time', () => {
  it('values are positive and finite', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = parseProcessingTime(s);
        if (!r.ok || r.value.value === undefined) return;
        expect(r.value.value).toBeGreaterThan(0);
        expect(Number.isFinite(r.value.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('portal time cells round-trip', () => {
    const units = [
      [' Ngày làm việc', 'working_days'],
      [' Ngày', 'calendar_days'],
      [' Giờ', 'working_hours'],
      [' Tháng', 'months'],
    ] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.constantFrom(...units), (n, [word, unit]) => {
        expect(parseProcessingTime(`${n}${word}`)).toMatchObject({ ok: true, value: { unit, value: n } });
      }),
    );
  });
});

describe('channels', () => {
  it('rows are pieces of the input and carry a known channel', () => {
    fc.assert(
      fc.property(cellLike, (s) => {
        const r = parseChannels(s);
        if (!r.ok) return;
        const flat = s.normalize('NFC').replace(/\s+/g, '');
        for (const e of r.value.entries) {
          expect(['in_person', 'online', 'postal']).toContain(e.channel);
          expect(flat).toContain(e.raw.replace(/\s+/g, ''));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('search key', () => {
  it('is idempotent and free of diacritics and đ', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'grapheme' })), (s) => {
        const k = toSearchKey(s);
        expect(toSearchKey(k)).toBe(k);
        expect(k).not.toMatch(/[\u0300-\u036fđĐ]/u);
        expect(k).toBe(k.trim());
        expect(k).not.toMatch(/\s{2}/u);
      }),
      { numRuns: 500 },
    );
  });
});

describe('long adversarial input', () => {
  const inputs = [
    '1'.repeat(50_000),
    '1.'.repeat(25_000),
    'Trực tiếp1'.repeat(5_000),
    `Trực tiếp${'1'.repeat(20_000)} VNĐ`,
    `${'12/2020/'.repeat(5_000)}NĐ-CP`,
    '('.repeat(20_000),
    '1 bản chính'.repeat(5_000),
    `${'Mẫu.docx'.repeat(3_000)}1 bản chính`,
    `${'kể từ ngày '.repeat(5_000)}5 ngày`,
  ];

  it('is handled in roughly linear time by every parser', () => {
    const started = performance.now();
    for (const s of inputs) for (const [, parse] of PARSERS) parse(s);
    // Generous bound: a quadratic regex takes tens of seconds on these inputs.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

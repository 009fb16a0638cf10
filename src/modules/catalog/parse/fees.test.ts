import { describe, expect, it } from 'vitest';
import { formatVnd, formatVndNumber, parseFees, parseVndNumber, type Fee } from './fees.js';

describe('parseVndNumber', () => {
  it.each([
    ['50.000', 50_000],
    ['2.000.000', 2_000_000],
    ['50,000', 50_000],
    ['4,000,000', 4_000_000],
    ['900', 900],
    ['2,5', 2.5],
    ['1.500.000,5', 1_500_000.5],
    ['0', 0],
  ])('%s → %d', (text, n) => expect(parseVndNumber(text)).toBe(n));

  it.each(['5,00,0', '1.0000', '50.000,000.5', '12.34.567', ''])('%j is malformed', (text) => {
    expect(parseVndNumber(text)).toBeNull();
  });
});

describe('formatVnd', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1.000'],
    [50_000, '50.000'],
    [2_000_000, '2.000.000'],
  ])('%d → %s', (n, text) => expect(formatVndNumber(n)).toBe(text));

  it('adds the currency', () => expect(formatVnd(50_000)).toBe('50.000 đồng'));
});

// Snippets from the fee cells and fee notes of the national portal.
const cases: Array<[string, Fee[]]> = [
  ['Miễn phí', [{ kind: 'free' }]],
  ['Không', [{ kind: 'free' }]],
  ['(Không)', [{ kind: 'free' }]],
  ['Không quy định.', [{ kind: 'free' }]],
  ['0 VNĐ', [{ kind: 'free', text: '0 VNĐ' }]],
  ['50,000 Việt Nam Đồng', [{ kind: 'amount', amountVnd: 50_000, label: '50,000 Việt Nam Đồng' }]],
  ['100,000 VNĐ', [{ kind: 'amount', amountVnd: 100_000, label: '100,000 VNĐ' }]],
  ['Lệ phí : 50.000 Đồng', [{ kind: 'amount', amountVnd: 50_000, label: 'Lệ phí : 50.000 Đồng' }]],
  ['2.000 đồng/trang', [{ kind: 'amount', amountVnd: 2_000, label: '2.000 đồng/trang', per: 'trang' }]],
  [
    'phí đổi thẻ bảo hiểm y tế: 2.000 đồng/thẻ',
    [{ kind: 'amount', amountVnd: 2_000, label: 'phí đổi thẻ bảo hiểm y tế: 2.000 đồng/thẻ', per: 'thẻ' }],
  ],
  [
    '50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).',
    [{ kind: 'amount', amountVnd: 50_000, label: '50.000đ/giấy thông hành', per: 'giấy thông hành' }],
  ],
  [
    '* Theo quy định tại Thông tư 25/2022/TT-BTC ngày 28/4/2022. + 02 triệu đồng/Giấy chứng nhận.',
    [{ kind: 'amount', amountVnd: 2_000_000, label: '02 triệu đồng/Giấy chứng nhận', per: 'Giấy chứng nhận' }],
  ],
  [
    'áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026',
    [
      {
        kind: 'amount',
        amountVnd: 25_000,
        label: 'áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026',
        per: 'hồ sơ',
      },
    ],
  ],
  ['10 USD', [{ kind: 'rule', text: '10 USD', currency: 'USD', amount: 10 }]],
  ['25 USD/trường hợp', [{ kind: 'rule', text: '25 USD/trường hợp', currency: 'USD', amount: 25, per: 'trường hợp' }]],
  ['do Ủy ban nhân dân cấp tỉnh quy định.', [{ kind: 'rule', text: 'do Ủy ban nhân dân cấp tỉnh quy định.' }]],
  [
    'Miễn lệ phí. Phí cấp bản sao Trích lục kết hôn (nếu có yêu cầu) thực hiện theo quy định tại Thông tư số 281/2016/TT-BTC.',
    [
      { kind: 'free' },
      {
        kind: 'rule',
        text: 'Miễn lệ phí. Phí cấp bản sao Trích lục kết hôn (nếu có yêu cầu) thực hiện theo quy định tại Thông tư số 281/2016/TT-BTC.',
      },
    ],
  ],
  [
    'Miễn phí đối với: người di cư từ Lào được phép cư trú',
    [{ kind: 'rule', text: 'Miễn phí đối với: người di cư từ Lào được phép cư trú' }],
  ],
];

describe('parseFees', () => {
  it.each(cases)('parses %j', (input, expected) => {
    expect(parseFees(input)).toEqual({ ok: true, value: expected });
  });

  it('reads the upper bound of a range "10.000-50.000 đồng"', () => {
    const r = parseFees('Từ 10.000-50.000 đồng/lần');
    expect(r.ok && r.value.map((f) => (f.kind === 'amount' ? f.amountVnd : null))).toEqual([50_000]);
  });

  it('reads several amounts in order', () => {
    const r = parseFees('từ 20.000 đồng đối với hàng hóa xuất khẩu, nhập khẩu; 200.000 đồng đối với hàng hóa quá cảnh');
    expect(r.ok && r.value.map((f) => (f.kind === 'amount' ? f.amountVnd : null))).toEqual([20_000, 200_000]);
  });

  it.each([
    ['', 'empty'],
    ['Không có thông tin', 'not_provided'],
    ['-50.000 đồng', 'negative_amount'],
    ['Lệ phí: -2.000 đồng/trang', 'negative_amount'],
    ['5,00,0 đồng', 'malformed_number'],
    ['0,5 đồng', 'implausible_amount'],
    ['5.000.000 tỷ đồng', 'implausible_amount'],
    ['???', 'unrecognised'],
    ['-50000', 'negative_amount'],
  ])('rejects %j as %s', (input, reason) => {
    expect(parseFees(input)).toMatchObject({ ok: false, reason });
  });

  it('treats a spaced dash as a bullet, not a minus sign', () => {
    const r = parseFees('- 50.000đ/tem “AB”');
    expect(r.ok && r.value[0]).toMatchObject({ kind: 'amount', amountVnd: 50_000 });
  });
});

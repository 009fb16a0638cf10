import { describe, expect, it } from 'vitest';
import { extractDocumentNumbers, parseLegalBases } from './legal-bases.js';
import { fixtureField } from './sample-data.test-support.js';

const H = 'Tên văn bản pháp lýMã văn bản';
const pairs = (text: string) => parseLegalBases(text).map((b) => [b.title, b.code]);

describe('parseLegalBases', () => {
  it.each([
    [
      'title glued to its number, then the next title',
      `${H}Quy định về quản lý hoạt động đường thủy nội địa08/2021/NĐ-CPNghị quyết số 24/2026/NQ-CP ngày 29/4/2026 của Chính phủ cắt giảm thủ tục.24/2026/NQ-CP Quy định mức thu phí198/2016/TT-BTC`,
      [
        ['Quy định về quản lý hoạt động đường thủy nội địa', '08/2021/NĐ-CP'],
        ['Nghị quyết số 24/2026/NQ-CP ngày 29/4/2026 của Chính phủ cắt giảm thủ tục', '24/2026/NQ-CP'],
        ['Quy định mức thu phí', '198/2016/TT-BTC'],
      ],
    ],
    [
      'a title that is only the number',
      `${H}Luật 54/2019/QH1454/2019/QH14Nghị định 101/2024/NĐ-CPNghị định 101/2024/NĐ-CP`,
      [
        ['Luật 54/2019/QH14', '54/2019/QH14'],
        ['Nghị định 101/2024/NĐ-CP', '101/2024/NĐ-CP'],
      ],
    ],
    [
      'a year glued to the number cell',
      `${H}Luật Giám định tư pháp năm 201213/2012/QH13`,
      [['Luật Giám định tư pháp năm 2012', '13/2012/QH13']],
    ],
    [
      'a date and a dot glued to the number cell',
      `${H}Thông tư số 55/2026/TT-BTC ngày 15/5/2026.55/2026/TT-BTC`,
      [['Thông tư số 55/2026/TT-BTC ngày 15/5/2026', '55/2026/TT-BTC']],
    ],
    [
      'a document type glued to the number cell',
      `${H}Nghị định quy định chi tiết Luật giám định tư phápNghị định số 85/2013/NĐ-CPLuật Giám định tư pháp năm 201213/2012/QH13`,
      [
        ['Nghị định quy định chi tiết Luật giám định tư pháp', '85/2013/NĐ-CP'],
        ['Luật Giám định tư pháp năm 2012', '13/2012/QH13'],
      ],
    ],
    [
      'upper-case and lower-case titles glued to numbers',
      `${H}Về cư trú184/2025/NĐ-CPQUY ĐỊNH MỨC THU PHÍ25/2021/TT-BTCLuật Xây dựng62/2020/QH14nghị quyết về cắt giảm24/2026/NQ-CPhợp nhất Luật Xây dựng48/VBHN-VPQH`,
      [
        ['Về cư trú', '184/2025/NĐ-CP'],
        ['QUY ĐỊNH MỨC THU PHÍ', '25/2021/TT-BTC'],
        ['Luật Xây dựng', '62/2020/QH14'],
        ['nghị quyết về cắt giảm', '24/2026/NQ-CP'],
        ['hợp nhất Luật Xây dựng', '48/VBHN-VPQH'],
      ],
    ],
    [
      'a date glued to the number ("BCAngày")',
      `${H}Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an53/2025/TT-BCA`,
      [['Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an', '53/2025/TT-BCA']],
    ],
    [
      'mixed-case and joint issuers',
      `${H}Quyết định số 09/2023/QĐ-TTg09/2023/QĐ-TTgThông tư liên tịch 09/2009/TTLT-BCA-BYT - Hướng dẫn khám sức khỏe09/2009/TTLT-BCA-BYT`,
      [
        ['Quyết định số 09/2023/QĐ-TTg', '09/2023/QĐ-TTg'],
        ['Thông tư liên tịch 09/2009/TTLT-BCA-BYT - Hướng dẫn khám sức khỏe', '09/2009/TTLT-BCA-BYT'],
      ],
    ],
    [
      'a trailing title without a number',
      `${H}Luật Đất đai31/2024/QH15Nghị định của Chính phủ`,
      [
        ['Luật Đất đai', '31/2024/QH15'],
        ['Nghị định của Chính phủ', null],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it('keeps the raw text of every row', () => {
    const text = fixtureField('1.001122', 'can_cu_phap_ly');
    const bases = parseLegalBases(text);
    expect(bases.length).toBeGreaterThanOrEqual(6);
    expect(bases.map((b) => b.raw).join('')).toBe(text.slice(H.length).replace(/\s+/g, ' ').trim());
  });

  it.each(['', 'Không có thông tin', H])('returns [] for %j', (text) => {
    expect(parseLegalBases(text)).toEqual([]);
  });

  it('lists every document number once', () => {
    expect(extractDocumentNumbers('Nghị định 08/2021/NĐ-CP và Nghị định 08/2021/NĐ-CP, Luật 54/2019/QH14')).toEqual([
      '08/2021/NĐ-CP',
      '54/2019/QH14',
    ]);
  });
});

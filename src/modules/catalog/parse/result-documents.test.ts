import { describe, expect, it } from 'vitest';
import { parseProcessingResult, stripPortalUi } from './result-documents.js';

const UI =
  'Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyếnNộp hồ sơ';

describe('parseProcessingResult', () => {
  it('reads one document and drops the portal UI', () => {
    const r = parseProcessingResult(
      `Bảng kê lâm sản được xác nhậnMã: KQ.G10.001221Từ khóaKhông có thông tinMô tảKhông có thông tin${UI}`,
    );
    expect(r).toEqual({
      text: 'Bảng kê lâm sản được xác nhận',
      documents: [{ name: 'Bảng kê lâm sản được xác nhận', code: 'KQ.G10.001221' }],
      keywords: null,
      description: null,
      uiTextRemoved: true,
    });
  });

  it('reads several documents glued to their codes', () => {
    const r = parseProcessingResult(
      'Thẻ BHYTMã: KQ.G24.000004Quyết định về việc hưởng tiếp chế độ BHXH hàng thángMã: KQ.G24.000026Từ khóaKhông có thông tinMô tảKhông có thông tin',
    );
    expect(r.documents).toEqual([
      { name: 'Thẻ BHYT', code: 'KQ.G24.000004' },
      { name: 'Quyết định về việc hưởng tiếp chế độ BHXH hàng tháng', code: 'KQ.G24.000026' },
    ]);
    expect(r.uiTextRemoved).toBe(false);
  });

  it.each([
    ['Quyết định hành chínhMã: 000.00.00.G11-KQ1711Từ khóaXét hưởng trợ cấpMô tảKhông có thông tin', '000.00.00.G11-KQ1711'],
    ['Văn bản từ chốiMã: G19-KQ006099Từ khóaKhông có thông tinMô tảKhông có thông tin', 'G19-KQ006099'],
    ['Quyết địnhMã: TP-G15.0001234Từ khóaKhông có thông tinMô tảKhông có thông tin', 'TP-G15.0001234'],
    ['Quyết địnhMã: 78Từ khóaKhông có thông tinMô tảKhông có thông tin', '78'],
  ])('reads the code of %j', (text, code) => {
    expect(parseProcessingResult(text).documents[0]?.code).toBe(code);
  });

  it('keeps keywords and description when present', () => {
    const r = parseProcessingResult('Quyết địnhMã: KQ.G11.000001Từ khóaXét hưởng trợ cấpMô tả- Tổ chức, cá nhân bị ảnh hưởng');
    expect(r.keywords).toBe('Xét hưởng trợ cấp');
    expect(r.description).toBe('- Tổ chức, cá nhân bị ảnh hưởng');
  });

  it('never throws on odd input', () => {
    for (const text of ['', 'Mã: ', 'Từ khóaMô tả', UI, 'Mã: Mã: Mã: ']) expect(() => parseProcessingResult(text)).not.toThrow();
  });
});

describe('stripPortalUi', () => {
  it('removes everything from the agency picker on', () => {
    expect(stripPortalUi(`Giấy phépMã: KQ.G01.000001${UI}`)).toEqual({ text: 'Giấy phépMã: KQ.G01.000001', removed: true });
  });

  it('removes a lone trailing submit button', () => {
    expect(stripPortalUi('Giấy phép Nộp hồ sơ')).toEqual({ text: 'Giấy phép', removed: true });
  });

  it('leaves clean text alone', () => {
    expect(stripPortalUi('Giấy phép')).toEqual({ text: 'Giấy phép', removed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalizeVariantSpelling, normalizeSearchText, stripDiacritics, toSearchKey } from './search-text.js';

describe('stripDiacritics', () => {
  it.each([
    ['Đăng ký khai sinh', 'Dang ky khai sinh'],
    ['Chứng thực bản sao từ bản chính', 'Chung thuc ban sao tu ban chinh'],
    ['Thủ tục ĐỔI thẻ', 'Thu tuc DOI the'],
    ['Hà Nội, Đắk Lắk, Quảng Ngãi', 'Ha Noi, Dak Lak, Quang Ngai'],
  ])('%s → %s', (input, output) => expect(stripDiacritics(input)).toBe(output));

  it('handles decomposed (NFD) input', () => {
    expect(stripDiacritics('Đăng ký'.normalize('NFD'))).toBe('Dang ky');
  });
});

describe('normalizeSearchText', () => {
  it.each([
    ['  Thủ tục  ĐĂNG KÝ\tkhai sinh ', 'thu tuc dang ky khai sinh'],
    ['Ủy ban nhân dân\u00a0xã,\u00a0phường', 'uy ban nhan dan xa, phuong'],
    ['Giấy chứng nhận\nđăng ký doanh nghiệp', 'giay chung nhan dang ky doanh nghiep'],
    ['1.001193', '1.001193'],
  ])('%j → %j', (input, output) => expect(normalizeSearchText(input)).toBe(output));

  it('gives the same key for NFC and NFD input', () => {
    const s = 'Chứng thực chữ ký người dịch';
    expect(normalizeSearchText(s.normalize('NFD'))).toBe(normalizeSearchText(s.normalize('NFC')));
  });
});

describe('canonicalizeVariantSpelling', () => {
  it.each([
    ['đăng kí', 'đăng ký'],
    ['lí lịch tư pháp', 'lý lịch tư pháp'],
    ['kĩ thuật', 'kỹ thuật'],
    ['Mĩ', 'Mỹ'],
    ['bác sĩ', 'bác sỹ'],
    ['tỉ lệ', 'tỷ lệ'],
    ['hi sinh', 'hy sinh'],
    ['quí', 'quý'],
    ['ĐĂNG KÍ', 'ĐĂNG KÝ'],
  ])('%s → %s', (input, output) => expect(canonicalizeVariantSpelling(input)).toBe(output));

  it.each(['tin học', 'kinh doanh', 'thi hành', 'chi trả', 'đi lại', 'công ty', 'hai', 'ký'])('leaves %j alone', (input) => {
    expect(canonicalizeVariantSpelling(input)).toBe(input);
  });
});

describe('toSearchKey', () => {
  it.each([
    ['Đăng kí kết hôn', 'đăng ký  kết hôn'],
    ['Lí lịch tư pháp', 'LÝ LỊCH TƯ PHÁP'],
    ['kĩ thuật', 'ky thuat'],
    ['dang ki khai sinh', 'Đăng ký khai sinh'],
  ])('%j and %j share a key', (a, b) => expect(toSearchKey(a)).toBe(toSearchKey(b)));

  it('is idempotent', () => {
    const k = toSearchKey('Cấp lại Giấy chứng nhận quyền sử dụng đất');
    expect(toSearchKey(k)).toBe(k);
  });
});

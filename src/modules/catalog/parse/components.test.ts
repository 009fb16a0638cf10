import { describe, expect, it } from 'vitest';
import { parseDossierComponents, type ComponentsParse } from './components.js';
import { fixtureField } from './sample-data.test-support.js';

const H = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

function parse(text: string): ComponentsParse {
  const r = parseDossierComponents(text);
  if (!r.ok) throw new Error(`expected components, got ${r.reason}`);
  return r.value;
}

const rows = (text: string) =>
  parse(text).components.map((c) => ({
    name: c.name,
    originals: c.originals,
    copies: c.copies,
    templates: c.templates,
  }));

describe('parseDossierComponents', () => {
  it.each([
    [
      'one table, no case title',
      `--${H}Tờ khai hải quan1 bản chínhBản sao hợp đồng0 bản chính,1 bản sao`,
      [
        { name: 'Tờ khai hải quan', originals: 1, copies: 0, templates: [] },
        { name: 'Bản sao hợp đồng', originals: 0, copies: 1, templates: [] },
      ],
    ],
    [
      'a form file glued to the name',
      `--${H}Đơn đề nghị xác nhận Bảng kê lâm sản theo Mẫu số 03 Phụ lục II ban hành kèm theo Thông tư số 26/2025/TT-BNNMTMẫu số 03.docx1 bản chính`,
      [
        {
          name: 'Đơn đề nghị xác nhận Bảng kê lâm sản theo Mẫu số 03 Phụ lục II ban hành kèm theo Thông tư số 26/2025/TT-BNNMT',
          originals: 1,
          copies: 0,
          templates: ['Mẫu số 03.docx'],
        },
      ],
    ],
    [
      'quantities quoted inside the name',
      `--${H}Văn bản đề nghị chuyển nhượng xe ô tô: 01 bản chính.1 bản chínhGiấy phép nhập khẩu: 01 bản chính nếu xuất khẩu một lần hoặc 01 bản chụp;0 bản chính`,
      [
        { name: 'Văn bản đề nghị chuyển nhượng xe ô tô: 01 bản chính', originals: 1, copies: 0, templates: [] },
        {
          name: 'Giấy phép nhập khẩu: 01 bản chính nếu xuất khẩu một lần hoặc 01 bản chụp',
          originals: 0,
          copies: 0,
          templates: [],
        },
      ],
    ],
    [
      'a year glued to the quantity',
      `--${H}Bảng kê hàng mẫu theo Mẫu số 12/BKHMT quy định tại Phụ lục II Nghị định 100/2020/NĐ-CP ngày 28/8/20201 bản chính`,
      [
        {
          name: 'Bảng kê hàng mẫu theo Mẫu số 12/BKHMT quy định tại Phụ lục II Nghị định 100/2020/NĐ-CP ngày 28/8/2020',
          originals: 1,
          copies: 0,
          templates: [],
        },
      ],
    ],
    [
      'two form files for one row',
      `--${H}Báo cáo thống kêMau 05 - Phu luc IV_36.2025.TT-BNNMT_02.7.2025.docxMau 07 - Phu luc IV_36.2025.TT-BNNMT_02.7.2025.docx1 bản chính`,
      [
        {
          name: 'Báo cáo thống kê',
          originals: 1,
          copies: 0,
          templates: ['Mau 05 - Phu luc IV_36.2025.TT-BNNMT_02.7.2025.docx', 'Mau 07 - Phu luc IV_36.2025.TT-BNNMT_02.7.2025.docx'],
        },
      ],
    ],
    [
      'the "Bản chính: 1 Bản sao: 0" layout',
      `${H}Đơn đề nghịBản chính: 1 Bản sao: 0Giấy tờ tùy thânBản chính: 0, Bản sao: 1`,
      [
        { name: 'Đơn đề nghị', originals: 1, copies: 0, templates: [] },
        { name: 'Giấy tờ tùy thân', originals: 0, copies: 1, templates: [] },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it.each([
    ['Đơn đề nghị;Mau01-DS(BHYT).doc', 'Mau01-DS(BHYT).doc'],
    ['Giấy đề nghị thay đổi nội dung đăng ký hoạt động.6. TP-LS-06. De nghi thay doi DKHD TCHNLS.doc', '6. TP-LS-06. De nghi thay doi DKHD TCHNLS.doc'],
    ['Thông báo số tài khoản (Mẫu 01/BK-STK )01 BK-STK.docx', '01 BK-STK.docx'],
    ['Văn bản đề nghị theo mẫuDon_TT1.000672.docx', 'Don_TT1.000672.docx'],
    ['Văn bản đề nghị cấp phép sử dụng tạm thời lòng đường (bản chính) theo mẫuVăn bản đề nghị.docx', 'Văn bản đề nghị.docx'],
    ['Tờ khai phí theo mẫu số 01/PH01-PH.doc', '01-PH.doc'],
  ])('finds the form file in %j', (name, template) => {
    const [c] = parse(`--${H}${name}1 bản chính`).components;
    expect(c?.templateName).toBe(template);
  });

  it('groups rows by case and takes case titles from the text between tables', () => {
    const value = parse(fixtureField('1.007879', 'thanh_phan_ho_so'));
    expect(value.cases.map((c) => c.name)).toEqual(['Đối với hàng hóa tạm nhập, tái xuất', 'Đối với hàng hóa tạm xuất, tái nhập']);
    expect(value.cases.every((c) => c.components.length > 0)).toBe(true);
    expect(value.components[0]?.caseName).toBe('Đối với hàng hóa tạm nhập, tái xuất');
  });

  it('reads "(nếu có)" as not required and leaves the rest unknown', () => {
    const value = parse(`--${H}Biên bản nghiệm thu (nếu có thay đổi)1 bản chínhĐơn đề nghị1 bản chính`);
    expect(value.components.map((c) => c.required)).toEqual([false, null]);
  });

  it('reports a trailing row without a quantity cell', () => {
    const value = parse(`--${H}Đơn đề nghị1 bản chínhẢnh 4x6`);
    expect(value.components.at(-1)).toMatchObject({ name: 'Ảnh 4x6', originals: null, copies: null });
    expect(value.problems.join(' ')).toMatch(/without a quantity cell/);
  });

  it.each([
    ['', 'empty'],
    ['--', 'empty'],
    ['Bước 1. Nộp hồ sơ tại cơ quan BHXH.\nBước 2. Nhận kết quả.', 'no_table_header'],
    [`--${H}`, 'no_components'],
  ])('rejects %j as %s', (text, reason) => {
    expect(parseDossierComponents(text)).toMatchObject({ ok: false, reason });
  });

  it('parses the steps-like garbage of a real record as a failure, not a crash', () => {
    expect(parseDossierComponents(fixtureField('1.001613', 'thanh_phan_ho_so'))).toMatchObject({ ok: false });
  });
});

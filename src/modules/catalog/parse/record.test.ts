import { describe, expect, it } from 'vitest';
import { csvToObjects, parseCsv } from './csv.js';
import { parseCatalogCsvRow, parseProcedureRecord, splitTopLevelCommas, type ProcedureDraft } from './record.js';
import { fixtureRecord, loadFixtureCatalogCsv, loadFixtureProcedures } from './sample-data.test-support.js';

function draft(code: string): ProcedureDraft {
  const r = parseProcedureRecord(fixtureRecord(code));
  if (!r.ok) throw new Error(`expected a draft for ${code}: ${JSON.stringify(r.errors)}`);
  return r.value;
}

describe('parseProcedureRecord', () => {
  it('normalises a full record', () => {
    const d = draft('1.000045');
    expect(d).toMatchObject({
      code: '1.000045',
      name: 'Xác nhận bảng kê lâm sản',
      decisionNumber: '01/QĐ-BNNMT',
      levels: ['province'],
      type: 'TTHC được giao luật quy định chi tiết',
      field: 'Kiểm lâm',
      competentAgency: 'Chi cục Kiểm lâm',
      implementingAgency: 'Chi cục Kiểm lâm',
      receivingAddress: null,
      requirements: null,
      coordinatingAgencies: [],
    });
    expect(d.applicantTypes.sort()).toEqual(['business', 'citizen', 'organisation']);
    expect(d.applicantLabels).toContain('Tổ chức (không bao gồm doanh nghiệp, HTX)');
    expect(d.channels).toHaveLength(9);
    expect(d.components.length).toBeGreaterThan(5);
    expect(d.legalBases).toEqual([
      {
        title: 'Thông tư 26/2025/TT-BNNMT ngày 24 tháng 6 năm 2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường',
        code: '26/2025/TT-BNNMT',
        raw: 'Thông tư 26/2025/TT-BNNMT ngày 24 tháng 6 năm 2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường26/2025/TT-BNNMT',
      },
    ]);
    expect(d.result.text).toBe('Bảng kê lâm sản được xác nhận');
    expect(d.result.text).not.toMatch(/Nộp hồ sơ|Chọn cơ quan/);
    expect(d.steps).toMatch(/^a\) Bước 1: Nộp hồ sơ/);
    expect(d.source.url).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    expect(d.problems).toEqual([]);
  });

  it('maps levels and applicant types', () => {
    const d = draft('1.011442');
    expect(d.levels.length).toBeGreaterThan(0);
    expect(splitTopLevelCommas('Tổ chức (không bao gồm doanh nghiệp, HTX), Hợp tác xã')).toEqual([
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
      'Hợp tác xã',
    ]);
    const r = parseProcedureRecord({
      ...fixtureRecord('1.000045'),
      cap_thuc_hien: 'Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác',
      doi_tuong_thuc_hien: 'Công dân Việt Nam, Doanh nghiệp, Tổ chức nước ngoài, Cán bộ, công chức, viên chức',
    });
    expect(r.ok && r.value.levels).toEqual(['central', 'province', 'commune']);
    expect(r.ok && r.value.levelLabels).toContain('Cơ quan khác');
    expect(r.ok && r.value.applicantTypes).toEqual(['citizen', 'business', 'organisation']);
  });

  it('reports the abolished district level and unknown labels as problems', () => {
    const r = parseProcedureRecord({ ...fixtureRecord('1.000045'), cap_thuc_hien: 'Cấp huyện, Cấp tỉnh', doi_tuong_thuc_hien: 'Đối tượng khác' });
    expect(r.ok && r.value.levels).toEqual(['province']);
    expect(r.ok && r.value.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['cap_thuc_hien', 'doi_tuong_thuc_hien']));
  });

  it('flags unusual decision numbers without rejecting the record', () => {
    const d = draft('1.001303');
    expect(d.decisionNumber).toBe('QĐ/0001-BCA');
    expect(d.problems).toContainEqual({ field: 'so_quyet_dinh', reason: 'unusual decision number "QĐ/0001-BCA"' });
  });

  it('records unreadable components as a problem', () => {
    const d = draft('1.001613');
    expect(d.components).toEqual([]);
    expect(d.problems).toContainEqual({ field: 'thanh_phan_ho_so', reason: 'no dossier components: no_table_header' });
  });

  it('rejects a code outside ^[1-3]\\.\\d{6}$ and names the field', () => {
    expect(parseProcedureRecord(fixtureRecord('6.006574'))).toEqual({
      ok: false,
      errors: [{ field: 'ma_thu_tuc', reason: 'invalid procedure code "6.006574" in ma_thu_tuc: expected ^[1-3]\\.\\d{6}$' }],
    });
  });

  it('accepts other one-digit prefixes on request, as a problem', () => {
    const r = parseProcedureRecord(fixtureRecord('6.006574'), { allowAnyCodePrefix: true });
    expect(r.ok && r.value.problems[0]).toEqual({ field: 'ma_thu_tuc', reason: 'code "6.006574" does not match ^[1-3]\\.\\d{6}$' });
  });

  it.each([
    [null, '$'],
    ['text', '$'],
    ['"text"', '$'],
    [[1, 2], '$'],
    [{}, 'ma_thu_tuc'],
    [{ ma_thu_tuc: '1.00119', ten_thu_tuc: 'x' }, 'ma_thu_tuc'],
    [{ ma_thu_tuc: ' 1.001193 ', ten_thu_tuc: '' }, 'ten_thu_tuc'],
    [{ ma_thu_tuc: 1.001193, ten_thu_tuc: 'Đăng ký khai sinh' }, 'ma_thu_tuc'],
    [{ ma_thu_tuc: '1.001193', ten_thu_tuc: 'Đăng ký khai sinh', cach_thuc_thuc_hien: { a: 1 } }, 'cach_thuc_thuc_hien'],
  ])('rejects %j naming %s', (input, field) => {
    const r = parseProcedureRecord(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('accepts a minimal record and lists what is missing', () => {
    const r = parseProcedureRecord({ ma_thu_tuc: '1.001193', ten_thu_tuc: 'Thủ tục đăng ký khai sinh' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.channels).toEqual([]);
    expect(r.value.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['so_quyet_dinh', 'cap_thuc_hien', 'cach_thuc_thuc_hien', 'thanh_phan_ho_so', 'can_cu_phap_ly', 'ket_qua_xu_ly']),
    );
  });

  it('accepts the JSON text of a record', () => {
    const r = parseProcedureRecord(JSON.stringify(fixtureRecord('1.000045')));
    expect(r.ok && r.value.code).toBe('1.000045');
  });

  it('parses every fixture record without throwing', () => {
    for (const record of loadFixtureProcedures()) {
      expect(() => parseProcedureRecord(record)).not.toThrow();
    }
  });
});

describe('parseCatalogCsvRow', () => {
  const header = ['ma_thu_tuc', 'ten_thu_tuc', 'co_quan_ban_hanh', 'co_quan_thuc_hien', 'linh_vuc', 'source_file'];

  it('reads the fixture CSV', () => {
    const rows = csvToObjects(loadFixtureCatalogCsv());
    expect(rows).toHaveLength(18);
    const results = rows.map((row) => parseCatalogCsvRow(row));
    const good = results.filter((r) => r.ok);
    const bad = results.filter((r) => !r.ok);
    expect(good.length).toBe(16);
    expect(bad.map((r) => !r.ok && r.errors[0]?.field)).toEqual(['ma_thu_tuc', 'ma_thu_tuc']);
    expect(good[0]).toMatchObject({ ok: true, value: { code: '1.015027', issuingMinistry: 'Bộ Công an', field: 'Chính sách' } });
  });

  it('accepts an array in column order and folds double spaces', () => {
    const r = parseCatalogCsvRow(['1.001193', 'Đăng ký khai sinh', 'Bộ Tư pháp', 'UBND cấp  xã', '', 'x.xlsx']);
    expect(r).toEqual({
      ok: true,
      value: {
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        issuingMinistry: 'Bộ Tư pháp',
        implementingAgency: 'UBND cấp xã',
        field: null,
        sourceFile: 'x.xlsx',
      },
    });
  });

  it.each([
    [{ ma_thu_tuc: '', ten_thu_tuc: 'x' }, 'ma_thu_tuc'],
    [{ ma_thu_tuc: '6.006597', ten_thu_tuc: 'x' }, 'ma_thu_tuc'],
    [{ ma_thu_tuc: '1.001193', ten_thu_tuc: '  ' }, 'ten_thu_tuc'],
    [{ ma_thu_tuc: '1.001193', ten_thu_tuc: 42 }, 'ten_thu_tuc'],
  ])('rejects %j naming %s', (row, field) => {
    const r = parseCatalogCsvRow(row);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 42, 'x', [], [null, null]] as unknown[]) {
      expect(() => parseCatalogCsvRow(junk as Record<string, unknown>)).not.toThrow();
    }
    expect(header).toHaveLength(6);
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', ''],
    ]);
  });

  it('handles a BOM and newlines inside quotes', () => {
    expect(parseCsv('\ufeffa\n"line 1\nline 2"')).toEqual([['a'], ['line 1\nline 2']]);
  });
});

import { describe, expect, it } from 'vitest';
import { ProcedureData } from './catalog.schemas.js';
import { exportTable, readCatalogFile, readCatalogJson, toCsv, toJsonExport, toXlsx, CatalogFileError, type ExportedProcedure } from './catalog-files.js';
import { agencyLinker, noAgencyLinks, readDetailRecord, readExportItem, readListRow } from './from-source.js';
import { publishIssues } from './model.js';
import { fixtureRecord, loadFixtureCatalogCsv, loadFixtureProcedures } from './parse/sample-data.test-support.js';

function detail(code: string) {
  const r = readDetailRecord(fixtureRecord(code), noAgencyLinks, {});
  if (!r.ok) throw new Error(`${code}: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('national detail records → model', () => {
  it('keeps the original text beside every parsed value', () => {
    const { data, problems } = detail('1.000894');
    expect(data).toMatchObject({ code: '1.000894', name: 'Thủ tục đăng ký kết hôn', field: 'Hộ tịch', levels: ['commune'], levelsText: 'Cấp xã', decisionNumber: '163/QĐ-BTP' });
    expect(data.applicantsText).toBe('Công dân Việt Nam');
    expect(data.channelsText).toMatch(/^Hình thức nộp/);
    expect(data.componentsText).toBeTruthy();
    for (const c of data.channels) {
      expect(c.text).toBeTruthy();
      if (c.processingTime) expect(c.processingTimeText).toBeTruthy();
    }
    for (const c of data.components) expect(c.text).toBeTruthy();
    expect(data.legalBasesText).toMatch(/04\/2020\/TT-BTP/);
    expect(data.resultText).not.toMatch(/Nộp hồ sơ$/);
    expect(data.source).toMatchObject({ format: 'dvcqg_detail', url: expect.stringMatching(/^https:\/\/dichvucong\.gov\.vn\//) });
    expect(problems).toEqual(data.problems);
  });

  it('structures the channels: processing time, fees, online level, and a default workflow that fits', () => {
    const { data } = detail('1.000894');
    expect(data.channels.length).toBeGreaterThan(0);
    expect(data.channels.every((c) => c.processingTime !== null)).toBe(true);
    expect(data.onlineLevel).toBe(data.channels.some((c) => c.channel === 'online') ? 'partial' : 'none');
    expect(data.workflow.map((s) => s.key)).toEqual(['receive', 'process', 'approve', 'deliver']);
    expect(publishIssues(data)).toEqual([]);
  });

  it('every fixture record is either rejected with named fields or valid against the model', () => {
    for (const raw of loadFixtureProcedures()) {
      const r = readDetailRecord(raw, noAgencyLinks, {});
      if (r.ok) expect(ProcedureData.safeParse(r.data).success).toBe(true);
      else expect(r.errors.every((e) => e.field && e.reason)).toBe(true);
    }
  });

  it('rejects codes outside domain.md §9.1 unless asked, naming the field', () => {
    const r = readDetailRecord(fixtureRecord('6.006574'), noAgencyLinks, {});
    expect(r).toMatchObject({ ok: false, code: '6.006574', errors: [{ field: 'ma_thu_tuc', reason: expect.stringMatching(/invalid procedure code/) }] });
    expect(readDetailRecord(fixtureRecord('6.006574'), noAgencyLinks, { allowAnyCodePrefix: true }).ok).toBe(true);
  });

  it('keeps an unreadable negative fee as text and reports it', () => {
    const raw = {
      ...fixtureRecord('1.000894'),
      cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí(Phí cấp bản sao: -50.000 đồng/bản)Nộp tại UBND xã',
    };
    const r = readDetailRecord(raw, noAgencyLinks, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.channels[0]).toMatchObject({ processingTime: { unit: 'working_days', value: 5 }, feeNote: 'Phí cấp bản sao: -50.000 đồng/bản' });
    expect(r.data.channels[0]!.fees.every((f) => f.kind !== 'amount' || f.amountVnd >= 0)).toBe(true);
    expect(r.problems).toContainEqual({ field: 'cach_thuc_thuc_hien', reason: expect.stringMatching(/negative_amount/) });
  });

  it('links agency texts to the agency tree by exact name', () => {
    const link = agencyLinker([
      { code: 'H55.02', name: 'Sở Tư pháp tỉnh Thái Nguyên' },
      { code: 'H55.11', name: 'Ủy ban nhân dân phường Tích Lương' },
    ]);
    expect(link('Sở Tư pháp tỉnh Thái Nguyên.')).toEqual(['H55.02']);
    expect(link('UỶ BAN NHÂN DÂN PHƯỜNG TÍCH LƯƠNG, Sở Tư pháp tỉnh Thái Nguyên')).toEqual(['H55.02', 'H55.11']);
    expect(link('Ủy ban nhân dân cấp xã')).toEqual([]);
    expect(link(null)).toEqual([]);
  });
});

describe('national list rows → model', () => {
  it('reads a row as a draft-only procedure', async () => {
    const file = await readCatalogFile('csv', loadFixtureCatalogCsv());
    expect(file.format).toBe('dvcqg_list');
    const first = file.items[0]!;
    if (first.kind !== 'list') throw new Error('expected a list row');
    const r = readListRow(first.row, noAgencyLinks, {});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.mode).toBe('merge');
      expect(r.data.source.format).toBe('dvcqg_list');
      expect(r.data.source.issuingMinistry).toBeTruthy();
      expect(publishIssues(r.data).map((i) => i.field)).toContain('channels');
    }
  });

  it('rejects a row without a name, naming the field', () => {
    const r = readListRow({ ma_thu_tuc: '1.000001', ten_thu_tuc: '  ', co_quan_ban_hanh: '', co_quan_thuc_hien: '', linh_vuc: '', source_file: '' }, noAgencyLinks, {});
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'ten_thu_tuc' }] });
  });
});

describe('our export', () => {
  const sample = (): ExportedProcedure => {
    const { data } = detail('1.000894');
    return { code: data.code, status: 'published', versionNumber: 2, effectiveFrom: '2026-01-01', effectiveTo: null, data };
  };

  it('round-trips through JSON, CSV and Excel without loss', async () => {
    const items = [sample()];
    const fromJson = readCatalogJson(JSON.parse(toJsonExport(items, new Date('2026-11-23T00:00:00Z'))));
    const fromCsv = await readCatalogFile('csv', toCsv(exportTable(items)));
    const fromXlsx = await readCatalogFile('xlsx', await toXlsx(exportTable(items)));
    for (const file of [fromJson, fromCsv, fromXlsx]) {
      expect(file.format).toBe('motcua');
      const r = readExportItem((file.items[0] as { value: unknown }).value);
      expect(r).toMatchObject({ ok: true, intent: 'publish', effectiveFrom: '2026-01-01' });
      if (r.ok) expect(r.data).toEqual(items[0]!.data);
    }
  });

  it('spreads a large model over several data columns (Excel cells hold 32,767 characters)', async () => {
    const big = sample();
    big.data = { ...big.data, steps: 'Bước. '.repeat(15_000) };
    const table = exportTable([big]);
    expect(table[0]).toContain('data_json_2');
    expect(table.slice(1).every((r) => r.every((c) => c.length <= 32_767))).toBe(true);
    const back = await readCatalogFile('xlsx', await toXlsx(table));
    const r = readExportItem((back.items[0] as { value: unknown }).value);
    expect(r.ok).toBe(true);
    expect(r.ok && r.data.steps === big.data.steps).toBe(true);
  });

  it('lets spreadsheet edits of the simple columns win over the JSON', async () => {
    const table = exportTable([sample()]);
    table[1]![table[0]!.indexOf('name')] = 'Thủ tục đăng ký kết hôn (đã sửa)';
    table[1]![table[0]!.indexOf('status')] = 'draft';
    const file = await readCatalogFile('csv', toCsv(table));
    const r = readExportItem((file.items[0] as { value: unknown }).value);
    expect(r).toMatchObject({ ok: true, intent: 'draft', data: { name: 'Thủ tục đăng ký kết hôn (đã sửa)' } });
  });

  it('names the record and the field of a bad exported record', async () => {
    const good = sample();
    const negative = { ...good, data: { ...good.data, channels: [{ channel: 'in_person', fees: [{ kind: 'amount', amountVnd: -1, label: 'x' }] }] } };
    expect(readExportItem(negative)).toMatchObject({ ok: false, code: '1.000894', errors: [{ field: 'data.channels.0.fees.0.amountVnd', reason: expect.stringMatching(/negative/) }] });
    const badForm = { ...good, data: { ...good.data, formSchema: { type: 'object', properties: 7 } } };
    expect(readExportItem(badForm)).toMatchObject({ ok: false, errors: [{ field: 'data.formSchema' }] });
    expect(readExportItem({ ...good, code: '1.999999' })).toMatchObject({ ok: false, errors: [{ field: 'data.code' }] });
    const table = exportTable([good]);
    table[1]![table[0]!.indexOf('data_json')] = '{"broken';
    const file = await readCatalogFile('csv', toCsv(table));
    expect(file.items[0]).toMatchObject({ kind: 'broken', code: '1.000894', errors: [{ field: 'data_json' }] });
  });

  it('refuses files it cannot recognise, with a reason', async () => {
    await expect(readCatalogFile('json', '{not json')).rejects.toThrow(CatalogFileError);
    await expect(readCatalogFile('json', '{"a":1}')).rejects.toThrow(/expected a JSON array/);
    await expect(readCatalogFile('csv', 'a,b\n1,2\n')).rejects.toThrow(/unrecognised header/);
    await expect(readCatalogFile('xlsx', Buffer.from('not a workbook'))).rejects.toThrow(/Excel/);
  });
});

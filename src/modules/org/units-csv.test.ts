import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUnitCsv, UnitFileError } from './units-csv.js';

const shipped = (f: string) => fs.readFileSync(path.resolve('reference-data/units', f), 'utf8');

describe('administrative unit CSV shapes', () => {
  it('reads the shipped 2025 lists whole', () => {
    const provinces = parseUnitCsv(shipped('vn_provinces_2025.csv'));
    expect(provinces).toMatchObject({ kind: 'units', shape: 'provinces-2025', problems: [] });
    expect(provinces.rows).toHaveLength(34);
    expect(provinces.rows[0]).toEqual({ structure: '2025', code: '01', level: 'province', name: 'Thành phố Hà Nội', unitType: 'Thành phố', parentCode: null });
    const communes = parseUnitCsv(shipped('vn_communes_2025.csv'));
    expect(communes.rows).toHaveLength(3321);
    expect(communes.rows.filter((r) => (r as { unitType?: string }).unitType === 'Đặc khu')).toHaveLength(13);
  });

  it('reads the old-to-new mappings', () => {
    const m = parseUnitCsv(shipped('vn_mapping_2025_communes_old_to_new.csv'));
    expect(m.kind).toBe('successions');
    expect(m.rows).toHaveLength(10604);
    expect(m.problems).toEqual([]);
  });

  it('recognises the pre-2025 shapes by their header', () => {
    const d = parseUnitCsv('district_code,district_name,unit_type,province_code,province_name\n001,Quận Ba Đình,Quận,01,Thành phố Hà Nội\n');
    expect(d).toMatchObject({ shape: 'districts-pre2025', rows: [{ structure: 'pre2025', level: 'district', code: '001', parentCode: '01' }] });
    const c = parseUnitCsv('commune_code,commune_name,unit_type,district_code,district_name,province_code,province_name\r\n00001,Phường Phúc Xá,Phường,001,Quận Ba Đình,01,Thành phố Hà Nội\r\n');
    expect(c).toMatchObject({ shape: 'communes-pre2025', rows: [{ code: '00001', parentCode: '001' }] });
  });

  it('reports bad rows by line and field, keeping the good ones', () => {
    const r = parseUnitCsv('stt,province_code,province_name\n1,01,Hà Nội\n2,1,Sai mã\n3,01,Trùng\n4,02,\n');
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([
      { line: 3, field: 'code', reason: expect.stringContaining('not a province code') },
      { line: 4, field: 'code', reason: 'duplicate code 01' },
      { line: 5, field: 'code', reason: 'name is empty' },
    ]);
  });

  it('refuses files it does not recognise with a message naming the expected columns', () => {
    expect(() => parseUnitCsv('a,b\n1,2\n')).toThrow(UnitFileError);
    expect(() => parseUnitCsv('')).toThrow(/empty/);
    expect(() => parseUnitCsv('"unterminated\n')).toThrow(UnitFileError);
  });

  it('never throws anything but UnitFileError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        try {
          parseUnitCsv(`stt,province_code,province_name\n${s}`);
        } catch (err) {
          expect(err).toBeInstanceOf(UnitFileError);
        }
      }),
    );
  });
});

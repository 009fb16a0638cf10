import { describe, expect, it } from 'vitest';
import { checkField, checkForm, describeForm, fieldOfIssue, toFormData, valuesFrom } from '../../web/src/dossiers/form-schema.js';

const schema = {
  type: 'object',
  required: ['hoTen', 'ngaySinh', 'mucDich', 'soBan'],
  properties: {
    hoTen: { type: 'string', title: 'Họ và tên', minLength: 2, maxLength: 10 },
    ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh' },
    mucDich: { type: 'string', oneOf: [{ const: 'ca_nhan', title: 'Cá nhân' }, { const: 'xin_viec', title: 'Xin việc' }] },
    soBan: { type: 'integer', minimum: 1, maximum: 5 },
    camKet: { type: 'boolean', const: true, title: 'Tôi cam đoan' },
    tyLe: { type: 'number' },
    maSo: { type: 'string', pattern: '^\\d{3}$' },
    diaChi: { type: 'object' },
  },
};

describe('online form from a JSON Schema', () => {
  const { fields, unsupported } = describeForm(schema);
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));

  it('turns properties into fields of the right kind, in order, and lists what it cannot render', () => {
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['hoTen', 'text', true],
      ['ngaySinh', 'date', true],
      ['mucDich', 'enum', true],
      ['soBan', 'integer', true],
      ['camKet', 'boolean', false],
      ['tyLe', 'number', false],
      ['maSo', 'text', false],
    ]);
    expect(byName.mucDich!.options).toEqual([
      { value: 'ca_nhan', label: 'Cá nhân' },
      { value: 'xin_viec', label: 'Xin việc' },
    ]);
    expect(byName.hoTen!.label).toBe('Họ và tên');
    expect(unsupported).toEqual(['diaChi']);
    expect(describeForm(null)).toEqual({ fields: [], unsupported: [] });
  });

  it.each([
    ['hoTen', '', { kind: 'required' }],
    ['hoTen', '   ', { kind: 'required' }],
    ['hoTen', 'A', { kind: 'minLength', limit: 2 }],
    ['hoTen', 'Nguyễn Văn An', { kind: 'maxLength', limit: 10 }],
    ['hoTen', 'Nguyễn An', null],
    ['ngaySinh', '2025-02-30', { kind: 'date' }],
    ['ngaySinh', '30/01/2025', { kind: 'date' }],
    ['ngaySinh', '2024-02-29', null],
    ['mucDich', 'khac', { kind: 'enum' }],
    ['soBan', '2.5', { kind: 'integer' }],
    ['soBan', 'hai', { kind: 'integer' }],
    ['soBan', '0', { kind: 'minimum', limit: 1 }],
    ['soBan', '6', { kind: 'maximum', limit: 5 }],
    ['soBan', '3', null],
    ['camKet', false, { kind: 'mustBeTrue' }],
    ['camKet', true, null],
    ['tyLe', '', null],
    ['tyLe', '1,5', null],
    ['maSo', '12a', { kind: 'pattern' }],
    ['maSo', '123', null],
  ] as const)('%s = %j → %j', (name, value, expected) => {
    expect(checkField(byName[name]!, value)).toEqual(expected);
  });

  it('sends typed values and leaves empty optional fields out', () => {
    const values = { ...valuesFrom(fields, {}), hoTen: ' Nguyễn An ', ngaySinh: '1990-05-12', mucDich: 'xin_viec', soBan: '2', camKet: true, tyLe: '1,5' };
    expect(checkForm(fields, values)).toEqual({});
    expect(toFormData(fields, values)).toEqual({ hoTen: 'Nguyễn An', ngaySinh: '1990-05-12', mucDich: 'xin_viec', soBan: 2, camKet: true, tyLe: 1.5 });
    expect(Object.keys(checkForm(fields, valuesFrom(fields, {})))).toEqual(['hoTen', 'ngaySinh', 'mucDich', 'soBan', 'camKet']);
  });

  it('fills a form again from saved data and keeps numeric enums numeric', () => {
    const numeric = describeForm({ type: 'object', properties: { loai: { type: 'integer', enum: [1, 2] } } }).fields;
    expect(toFormData(numeric, valuesFrom(numeric, { loai: 2 }))).toEqual({ loai: 2 });
    expect(valuesFrom(fields, { soBan: 3, camKet: true }).soBan).toBe('3');
  });

  it('reads the form field out of an API issue path', () => {
    expect(fieldOfIssue('body.formData.hoTen')).toBe('hoTen');
    expect(fieldOfIssue('body.receivingAgencyCode')).toBeNull();
  });
});

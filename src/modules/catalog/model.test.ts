import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcedureCreate, ProcedureData, ProcedureUpdate } from './catalog.schemas.js';
import { formSchemaIssues } from './form-schema.js';
import {
  applyUpdate,
  changedFields,
  completeProcedure,
  contentHash,
  defaultWorkflow,
  deriveOnlineLevel,
  listSummary,
  managingAgencyCodes,
  nameSearchKey,
  publishIssues,
  todayInVietnam,
} from './model.js';

const inPerson5Days = ChannelRowOf({ channel: 'in_person', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] });

function ChannelRowOf(input: unknown) {
  return ProcedureData.shape.channels.element.parse(input);
}

function procedure(overrides: Partial<ProcedureData> = {}): ProcedureData {
  return completeProcedure({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', levels: ['commune'], channels: [inPerson5Days], ...overrides });
}

describe('completing and updating a procedure', () => {
  it('fills every field a caller leaves out, and validates', () => {
    const p = completeProcedure({ code: '1.001193', name: 'Đăng ký khai sinh' });
    expect(ProcedureData.parse(p)).toEqual(p);
    expect(p).toMatchObject({ field: null, levels: [], channels: [], onlineLevel: 'none', formSchema: null, workflow: [] });
  });

  it('replaces only the fields given', () => {
    const p = procedure({ field: 'Hộ tịch' });
    const u = applyUpdate(p, ProcedureUpdate.parse({ name: 'Đăng ký khai sinh (sửa)' }));
    expect(u.field).toBe('Hộ tịch');
    expect(u.name).toBe('Đăng ký khai sinh (sửa)');
    expect(changedFields(p, u)).toEqual(['name']);
    expect(changedFields(null, u)).toEqual([]);
  });

  it('does not reset omitted fields in an update (no defaults at the top level)', () => {
    expect(ProcedureUpdate.parse({})).toEqual({});
    expect(Object.keys(ProcedureCreate.parse({ code: '1.001193', name: 'X' })).sort()).toEqual(['code', 'name']);
  });
});

describe('content hash', () => {
  it('is the same for the same content whatever the key order, and differs on any change', () => {
    const a = procedure();
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as ProcedureData;
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(contentHash({ ...a, name: `${a.name} ` })).not.toBe(contentHash(a));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (name) => {
        expect(contentHash({ ...a, name }) === contentHash(a)).toBe(name === a.name);
      }),
    );
  });
});

describe('what publishing requires', () => {
  it('accepts a complete procedure', () => {
    expect(publishIssues(procedure())).toEqual([]);
  });

  it('names the field: no processing time, no channel, no level', () => {
    const untimed = procedure({ channels: [ChannelRowOf({ channel: 'online', processingTimeText: 'Không có thông tin' })] });
    expect(publishIssues(untimed)).toEqual([{ field: 'channels', message: expect.stringMatching(/no processing time/), vi: expect.stringMatching(/chưa có thời hạn/) }]);
    expect(publishIssues(procedure({ channels: [] }))[0]?.field).toBe('channels');
    expect(publishIssues(procedure({ levels: [] })).map((i) => i.field)).toEqual(['levels']);
  });

  it('refuses a workflow whose budgets exceed the shortest time limit', () => {
    const p = procedure({
      workflow: [
        { key: 'receive', name: 'Tiếp nhận', role: 'reception', agencyCode: null, budget: { unit: 'working_days', value: 1 } },
        { key: 'process', name: 'Xử lý', role: 'specialist', agencyCode: null, budget: { unit: 'working_days', value: 5 } },
      ],
    });
    expect(publishIssues(p)).toEqual([{ field: 'workflow', message: expect.stringMatching(/48 working hours, more than the time limit \(40\)/), vi: expect.stringMatching(/48 giờ làm việc, vượt thời hạn/) }]);
  });
});

describe('default workflow', () => {
  it.each([
    [{ unit: 'working_days', value: 5 }, 'working_days', 5],
    [{ unit: 'working_days', value: 1 }, 'working_hours', 8],
    [{ unit: 'working_hours', value: 1 }, 'working_hours', 1],
    [{ unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day' }, 'working_hours', 8],
    [{ unit: 'calendar_days', value: 30 }, 'calendar_days', 30],
    [{ unit: 'months', value: 2 }, 'calendar_days', 60],
  ] as const)('splits %o into four steps adding up to %s %d', (time, unit, total) => {
    const steps = defaultWorkflow({ channels: [ChannelRowOf({ channel: 'in_person', processingTime: time })] });
    expect(steps.map((s) => s.role)).toEqual(['reception', 'specialist', 'approver', 'reception']);
    expect(new Set(steps.map((s) => s.budget.unit))).toEqual(new Set([unit]));
    expect(steps.reduce((sum, s) => sum + s.budget.value, 0)).toBeCloseTo(total, 9);
    expect(steps.every((s) => s.budget.value > 0)).toBe(true);
  });

  it('fits within the time limit, so a procedure with a default workflow can be published', () => {
    fc.assert(
      fc.property(fc.constantFrom('working_days', 'working_hours', 'calendar_days'), fc.integer({ min: 1, max: 240 }), (unit, value) => {
        const p = procedure({ channels: [ChannelRowOf({ channel: 'online', processingTime: { unit, value } })] });
        const withFlow = { ...p, workflow: defaultWorkflow(p) };
        expect(publishIssues(withFlow)).toEqual([]);
        expect(ProcedureData.parse(withFlow)).toBeTruthy();
      }),
    );
  });

  it('is empty without a processing time', () => {
    expect(defaultWorkflow({ channels: [] })).toEqual([]);
  });
});

describe('search keys', () => {
  it('folds diacritics, đ, kí/ký and the "Thủ tục" prefix', () => {
    expect(nameSearchKey('Thủ tục đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(nameSearchKey('đăng kí khai sinh')).toBe('dang ky khai sinh');
    expect(nameSearchKey('DANG KY KHAI SINH')).toBe('dang ky khai sinh');
    expect(nameSearchKey('Thủ tục')).toBe('thu tuc');
    expect(nameSearchKey('Thủ tục: Kiểm tra (cấp tỉnh).')).toBe('kiem tra cap tinh');
  });

  it('gives the same key for every spelling of a name', () => {
    fc.assert(
      fc.property(fc.constantFrom('Đăng ký kết hôn', 'đăng kí kết hôn', 'dang ky ket hon', 'ĐĂNG KÝ  KẾT HÔN', 'Thủ tục đăng ký kết hôn'), (name) => {
        expect(nameSearchKey(name)).toBe('dang ky ket hon');
      }),
    );
  });
});

describe('list summary, levels, scope', () => {
  it('summarises the first row of each channel', () => {
    const p = procedure({
      channels: [
        inPerson5Days,
        ChannelRowOf({ channel: 'in_person', processingTime: { unit: 'working_days', value: 10 } }),
        ChannelRowOf({ channel: 'online', processingTime: { unit: 'same_day' }, fees: [{ kind: 'amount', amountVnd: 50000, label: 'Lệ phí', per: 'hồ sơ' }] }),
      ],
    });
    expect(listSummary(p).channels).toEqual([
      { channel: 'in_person', processingTime: '5 Ngày làm việc', fee: 'Miễn phí' },
      { channel: 'online', processingTime: 'Trong ngày', fee: '50.000 đồng/hồ sơ' },
    ]);
  });

  it('derives the online level from the channels', () => {
    expect(deriveOnlineLevel([{ channel: 'in_person' }, { channel: 'online' }])).toBe('partial');
    expect(deriveOnlineLevel([{ channel: 'postal' }])).toBe('none');
  });

  it('manages a procedure through its competent, implementing, receiving and authorised agencies', () => {
    const p = procedure({
      agencies: {
        competent: { text: 'UBND phường', codes: ['H55.11'] },
        implementing: { text: null, codes: ['H55.11.01', 'H55.11'] },
        receiving: { text: null, codes: [] },
        authorised: { text: null, codes: [] },
        coordinating: { text: 'Công an tỉnh', codes: ['H55.09'] },
      },
    });
    expect(managingAgencyCodes(p)).toEqual(['H55.11', 'H55.11.01']);
  });

  it("knows today's date in Viet Nam", () => {
    expect(todayInVietnam(new Date('2026-03-01T16:59:00Z'))).toBe('2026-03-01');
    expect(todayInVietnam(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
});

describe('validation of the model', () => {
  it('refuses negative fees and names the field', () => {
    const r = ProcedureData.safeParse({ ...procedure(), channels: [{ channel: 'in_person', fees: [{ kind: 'amount', amountVnd: -5000, label: 'Lệ phí' }] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['channels', 0, 'fees', 0, 'amountVnd']);
    expect(r.error?.issues[0]?.message).toMatch(/negative/);
  });

  it('refuses a form schema that is not valid JSON Schema', () => {
    const r = ProcedureData.safeParse({ ...procedure(), formSchema: { type: 'object', properties: { hoTen: { type: 'chuoi' } } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['formSchema']);
  });

  it('refuses duplicate workflow step keys and inconsistent durations', () => {
    const step = { key: 'a', name: 'A', role: 'specialist', budget: { unit: 'working_hours', value: 1 } };
    expect(ProcedureData.safeParse({ ...procedure(), workflow: [step, step] }).error?.issues[0]?.path).toEqual(['workflow', 1, 'key']);
    expect(ProcedureData.safeParse({ ...procedure(), channels: [{ channel: 'online', processingTime: { unit: 'same_day', value: 2 } }] }).success).toBe(false);
    expect(ProcedureData.safeParse({ ...procedure(), channels: [{ channel: 'online', processingTime: { unit: 'working_days' } }] }).success).toBe(false);
  });
});

describe('form schemas (ajv)', () => {
  it('accepts a JSON Schema object form', () => {
    expect(
      formSchemaIssues({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['hoTen', 'ngaySinh'],
        properties: { hoTen: { type: 'string', title: 'Họ và tên', maxLength: 100 }, ngaySinh: { type: 'string', format: 'date' } },
      }),
    ).toEqual([]);
  });

  it.each([
    ['a wrong type name', { type: 'object', properties: { a: { type: 'chuoi' } } }],
    ['a misspelt keyword', { type: 'object', requird: ['a'] }],
    ['a dangling $ref', { type: 'object', properties: { a: { $ref: '#/$defs/none' } } }],
    ['a non-object form', { type: 'string' }],
    ['another draft', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }],
  ])('refuses %s', (_what, schema) => {
    expect(formSchemaIssues(schema).length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { parseChannels, type ChannelEntry } from './channels.js';
import { fixtureField } from './sample-data.test-support.js';

const H = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

function entries(text: string): ChannelEntry[] {
  const r = parseChannels(text);
  if (!r.ok) throw new Error(`expected channels, got ${r.reason}`);
  return r.value.entries;
}

/** Compact view of a row for table assertions: channel, time, fees. */
function view(e: ChannelEntry) {
  return {
    channel: e.channel,
    time: e.time.ok ? { unit: e.time.value.unit, value: e.time.value.value } : e.time.reason,
    fees: e.fees.map((f) => (f.kind === 'amount' ? f.amountVnd : f.kind)),
  };
}

describe('parseChannels', () => {
  it('reads a labelled amount in the fee cell', () => {
    const text = `${H}Trực tiếp5 Ngày làm việcLệ phí : 50.000 ĐồngTrực tuyến5 Ngày làm việcMiễn phíDịch vụ bưu chính5 Ngày làm việcPhí: 2.000 đồng/trangNộp qua bưu điện`;
    const rows = entries(text);
    expect(rows.map(view)).toEqual([
      { channel: 'in_person', time: { unit: 'working_days', value: 5 }, fees: [50_000] },
      { channel: 'online', time: { unit: 'working_days', value: 5 }, fees: ['free'] },
      { channel: 'postal', time: { unit: 'working_days', value: 5 }, fees: [2_000] },
    ]);
    expect(rows[0]?.fees[0]).toMatchObject({ label: 'Lệ phí : 50.000 Đồng' });
    expect(rows[2]?.fees[0]).toMatchObject({ per: 'trang' });
    expect(rows[2]?.description).toBe('Nộp qua bưu điện');
  });

  it.each([
    [
      'three channels, same time, free',
      `${H}Trực tuyến15 Ngày làm việcMiễn phíDịch vụ bưu chính15 Ngày làm việcMiễn phíTrực tiếp15 Ngày làm việcMiễn phí`,
      [
        { channel: 'online', time: { unit: 'working_days', value: 15 }, fees: ['free'] },
        { channel: 'postal', time: { unit: 'working_days', value: 15 }, fees: ['free'] },
        { channel: 'in_person', time: { unit: 'working_days', value: 15 }, fees: ['free'] },
      ],
    ],
    [
      'calendar days and an amount glued to the next label',
      `${H}Trực tuyến10 Ngày2,700,000 Việt Nam ĐồngDịch vụ bưu chính10 Ngày2,700,000 Việt Nam Đồng`,
      [
        { channel: 'online', time: { unit: 'calendar_days', value: 10 }, fees: [2_700_000] },
        { channel: 'postal', time: { unit: 'calendar_days', value: 10 }, fees: [2_700_000] },
      ],
    ],
    [
      'hours',
      `${H}Trực tuyến1 GiờMiễn phíTrực tiếp1 GiờMiễn phí`,
      [
        { channel: 'online', time: { unit: 'working_hours', value: 1 }, fees: ['free'] },
        { channel: 'in_person', time: { unit: 'working_hours', value: 1 }, fees: ['free'] },
      ],
    ],
    [
      'months',
      `${H}Trực tuyến12 ThángMiễn phí`,
      [{ channel: 'online', time: { unit: 'months', value: 12 }, fees: ['free'] }],
    ],
    [
      'unit missing in the time cell',
      `${H}Trực tuyến12Miễn phíDịch vụ bưu chính12Miễn phí`,
      [
        { channel: 'online', time: { unit: 'working_days', value: 12 }, fees: ['free'] },
        { channel: 'postal', time: { unit: 'working_days', value: 12 }, fees: ['free'] },
      ],
    ],
    [
      'placeholders in both cells',
      `${H}Trực tiếpKhông có thông tinKhông có thông tin`,
      [{ channel: 'in_person', time: 'not_provided', fees: [] }],
    ],
    [
      '"Không" as the time cell',
      `${H}Trực tuyếnKhôngMiễn phíBằng phương thức điện tử qua Cổng dịch vụ công Quốc giaTrực tiếpKhông Không có thông tinTại Trung tâm phục vụ hành chính công cấp tỉnh, xã`,
      [
        { channel: 'online', time: 'not_specified', fees: ['free'] },
        { channel: 'in_person', time: 'not_specified', fees: [] },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(entries(text).map(view)).toEqual(expected);
  });

  it('splits digits run together with an amount and reports it', () => {
    const [row] = entries(`${H}Trực tuyến120 VNĐ(20.000 đ/tờ khai)`);
    expect(row && view(row)).toEqual({ channel: 'online', time: { unit: 'working_days', value: 1 }, fees: [20, 20_000] });
    expect(row?.problems.join(' ')).toMatch(/run together/);
    expect(row?.problems.join(' ')).toMatch(/implausibly small fee 20 VND/);
  });

  it('keeps the fee note, adds its extra information and the description', () => {
    const [row] = entries(
      `${H}Trực tuyến3 Ngày làm việc50,000 Việt Nam Đồng(50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).)Nộp qua Cổng dịch vụ công`,
    );
    expect(row?.feeNote).toBe('50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).');
    expect(row?.fees).toEqual([
      { kind: 'amount', amountVnd: 50_000, label: '50.000đ/giấy thông hành', per: 'giấy thông hành' },
    ]);
    expect(row?.description).toBe('Nộp qua Cổng dịch vụ công');
  });

  it('reads "(/văn bản)" as the unit of the cell amount', () => {
    const [row] = entries(`${H}Trực tiếpKhông có thông tin50,000 Việt Nam Đồng(/văn bản)`);
    expect(row?.fees).toEqual([{ kind: 'amount', amountVnd: 50_000, label: '50,000 Việt Nam Đồng', per: 'văn bản' }]);
  });

  it('takes the time from the description when the cell is empty', () => {
    const [row] = entries(
      `${H}Trực tuyếnKhông có thông tinMiễn phí- 03 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; - 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ trong trường hơp cần kiểm tra thực tế`,
    );
    expect(row?.timeSource).toBe('description');
    expect(row?.time).toMatchObject({ ok: true, value: { unit: 'working_days', value: 3, countFrom: 'receipt' } });
  });

  it('borrows the unit from the description for a unitless cell', () => {
    const [row] = entries(`${H}Trực tuyến5Miễn phí05 (năm) ngày làm việc kể từ ngày nhận hồ sơ hợp lệ.`);
    expect(row?.time).toMatchObject({ ok: true, value: { unit: 'working_days', value: 5, countFrom: 'receipt' } });
    expect(row?.time.ok && row.time.value.unitAssumed).toBeFalsy();
  });

  it('does not start rows at channel words inside descriptions', () => {
    const rows = entries(fixtureField('2.002516', 'cach_thuc_thuc_hien'));
    expect(rows.map((r) => r.channel)).toEqual(['online', 'postal', 'in_person']);
    expect(rows[0]?.description).toMatch(/^Trực tiếp thực hiện hoặc ủy quyền/);
  });

  it('keeps "(1)" enumerators in the description', () => {
    const [row] = entries(fixtureField('1.014278', 'cach_thuc_thuc_hien'));
    expect(row?.feeNote).toBeUndefined();
    expect(row?.description).toMatch(/^\(1\) Trường hợp/);
  });

  it('keeps one row per case (several rows per channel)', () => {
    const rows = entries(fixtureField('1.000045', 'cach_thuc_thuc_hien'));
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.channel === 'online').map((r) => (r.time.ok ? r.time.value.value : null))).toEqual([2, 3, 4]);
  });

  it('reads "đổi ngay" as same day', () => {
    const [row] = entries(fixtureField('2.001077', 'cach_thuc_thuc_hien'));
    expect(row?.time).toMatchObject({ ok: true, value: { unit: 'same_day' } });
  });

  it.each([
    ['', 'empty'],
    ['Không có thông tin', 'no_channel_found'],
    [H, 'no_channel_found'],
    ['Trực tiếp tại UBND xã', 'no_channel_found'],
  ])('rejects %j as %s', (text, reason) => {
    expect(parseChannels(text)).toMatchObject({ ok: false, reason });
  });

  it('reports a missing header and text before the first row', () => {
    const r = parseChannels('Ghi chú: xem bên dướiTrực tiếp5 Ngày làm việcMiễn phí');
    expect(r.ok && r.value.problems).toEqual([
      'table header "Hình thức nộp…Mô tả" not found',
      'text before the first channel row: "Ghi chú: xem bên dưới"',
    ]);
  });
});

/**
 * Official holiday schedules for public agencies (cơ quan hành chính, sự nghiệp), 2024–2026, as data.
 *
 * Only the differences from the computed statutory calendar are entries (`overrides`, `choices`); the
 * `windows` record the days off as the notices state them, so tests can check that the built calendar
 * reproduces each notice. Sources are those of domain.md §4.3 and shared data SOURCES.md §4.
 *
 * 2027 and later: no notice yet (domain.md §13.6). Add a new schedule when it is published; never edit
 * the statutory rules for a one-year decision.
 */
import type { LocalizedText } from '../../platform/errors.js';
import type { IsoDate } from './civil-date.js';
import type { CalendarOverride, Confidence, StatutoryChoice } from './holidays.js';

/** A run of days off (weekends included) as an official notice states it. */
export interface OfficialWindow {
  readonly occasion: LocalizedText;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Make-up working days (ngày làm bù) announced with this occasion. */
  readonly workingDays?: readonly IsoDate[];
  readonly source: string;
  readonly confidence: Confidence;
  readonly note?: string;
}

export interface OfficialSchedule {
  readonly year: number;
  readonly title: LocalizedText;
  readonly choices: readonly StatutoryChoice[];
  readonly overrides: readonly CalendarOverride[];
  readonly windows: readonly OfficialWindow[];
}

const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112 (statutory day)';

export const OFFICIAL_SCHEDULE_2024: OfficialSchedule = {
  year: 2024,
  title: { vi: 'Lịch nghỉ lễ, Tết năm 2024', en: 'Public holidays 2024' },
  choices: [
    {
      year: 2024,
      ruleId: 'lunar_new_year',
      daysBefore: 2,
      source: 'Công văn 8662/VPCP-KGVX ngày 03/11/2023; Thông báo 5015/TB-LĐTBXH ngày 22/11/2023',
      confidence: 'inferred',
      note:
        'The notice gives Thu 08/02 (29 Chạp) – Wed 14/02 (mùng 5). Reading it as 5 Tết days 08–12/02 plus ' +
        '2 compensatory days (13, 14/02) for Sat 10 and Sun 11 is inferred; the days off are the same either way.',
    },
    {
      year: 2024,
      ruleId: 'national_day',
      adjacent: 'after',
      source: 'Công văn 8662/VPCP-KGVX ngày 03/11/2023 (as reported); python-holidays VN (03/09/2024 "National Day")',
      confidence: 'secondary',
      note: 'Off Sat 31/08 – Tue 03/09/2024. With the default adjacent day (1/9, a Sunday) the result is the same.',
    },
  ],
  overrides: [
    {
      date: '2024-04-29',
      kind: 'day_off',
      reason: {
        vi: 'Nghỉ hoán đổi ngày làm việc thứ Hai 29/4/2024 với thứ Bảy 04/5/2024 (dịp 30/4 - 1/5)',
        en: 'Day off swapped with Saturday 04/05/2024 (30/4 – 1/5 holiday)',
      },
      source: 'Công văn 2450/VPCP-KGVX (2024), as cited by python-holidays (holidays/countries/vietnam.py)',
      confidence: 'secondary',
    },
    {
      date: '2024-05-04',
      kind: 'working_day',
      reason: {
        vi: 'Làm bù cho ngày thứ Hai 29/4/2024',
        en: 'Make-up working day for Monday 29/04/2024',
      },
      source: 'Công văn 2450/VPCP-KGVX (2024), as cited by python-holidays (holidays/countries/vietnam.py)',
      confidence: 'secondary',
    },
  ],
  windows: [
    {
      occasion: { vi: 'Tết Dương lịch', en: "New Year's Day" },
      from: '2024-01-01',
      to: '2024-01-01',
      source: LABOUR_CODE,
      confidence: 'secondary',
      note: 'No swap found for 01/01/2024 (SOURCES.md §4); python-holidays lists 01/01 only.',
    },
    {
      occasion: { vi: 'Tết Nguyên đán Giáp Thìn', en: 'Lunar New Year (Giáp Thìn)' },
      from: '2024-02-08',
      to: '2024-02-14',
      source:
        'Công văn 8662/VPCP-KGVX ngày 03/11/2023; Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (cited by Kon Tum provincial ' +
        'pages, SOURCES.md §4); Viet Nam News 05/11/2023 ("February 8 to 14, 2024")',
      confidence: 'secondary',
    },
    {
      occasion: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
      from: '2024-04-18',
      to: '2024-04-18',
      source: 'computed 10/3 lunar = Thu 18/04/2024; python-holidays VN',
      confidence: 'secondary',
    },
    {
      occasion: { vi: 'Ngày Chiến thắng và Quốc tế lao động', en: 'Victory Day and Labour Day' },
      from: '2024-04-27',
      to: '2024-05-01',
      workingDays: ['2024-05-04'],
      source: 'Công văn 2450/VPCP-KGVX (2024), as cited by python-holidays',
      confidence: 'secondary',
    },
    {
      occasion: { vi: 'Quốc khánh', en: 'National Day' },
      from: '2024-08-31',
      to: '2024-09-03',
      source: 'Công văn 8662/VPCP-KGVX ngày 03/11/2023 (as reported); Viet Nam News 05/11/2023 ("August 31 to September 3")',
      confidence: 'secondary',
    },
  ],
};

export const OFFICIAL_SCHEDULE_2025: OfficialSchedule = {
  year: 2025,
  title: { vi: 'Lịch nghỉ lễ, Tết năm 2025', en: 'Public holidays 2025' },
  choices: [],
  overrides: [
    {
      date: '2025-01-27',
      kind: 'day_off',
      reason: {
        vi: 'Nghỉ bù ngày Tết trùng thứ Bảy 01/02/2025, bố trí trước Tết',
        en: 'Compensatory day for the Tết day on Saturday 01/02/2025, placed before Tết',
      },
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
      note: 'The day off is verified (window 25/01 – 02/02); that it is the compensatory day is inferred.',
    },
    {
      date: '2025-02-03',
      kind: 'working_day',
      reason: {
        vi: 'Ngày làm việc bình thường: ngày nghỉ bù đã bố trí vào 27/01/2025',
        en: 'Ordinary working day: the compensatory day was moved to 27/01/2025',
      },
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
      note: 'Cancels the computed compensatory day (the window ends Sun 02/02/2025).',
    },
    {
      date: '2025-05-02',
      kind: 'day_off',
      reason: {
        vi: 'Nghỉ hoán đổi ngày làm việc thứ Sáu 02/5/2025 với thứ Bảy 26/4/2025',
        en: 'Day off swapped with Saturday 26/04/2025',
      },
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
    },
    {
      date: '2025-04-26',
      kind: 'working_day',
      reason: { vi: 'Làm bù cho ngày thứ Sáu 02/5/2025', en: 'Make-up working day for Friday 02/05/2025' },
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
    },
  ],
  windows: [
    {
      occasion: { vi: 'Tết Dương lịch', en: "New Year's Day" },
      from: '2025-01-01',
      to: '2025-01-01',
      source: LABOUR_CODE,
      confidence: 'inferred',
      note: 'domain.md §4.3 marks it [I]: statutory day, no swap found.',
    },
    {
      occasion: { vi: 'Tết Nguyên đán Ất Tỵ', en: 'Lunar New Year (Ất Tỵ)' },
      from: '2025-01-25',
      to: '2025-02-02',
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
    },
    {
      occasion: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
      from: '2025-04-07',
      to: '2025-04-07',
      source: 'computed 10/3 lunar = Mon 07/04/2025 [domain.md §4.3, C21]',
      confidence: 'secondary',
    },
    {
      occasion: { vi: 'Ngày Chiến thắng và Quốc tế lao động', en: 'Victory Day and Labour Day' },
      from: '2025-04-30',
      to: '2025-05-04',
      workingDays: ['2025-04-26'],
      source: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 [domain.md §4.3, V S14]',
      confidence: 'verified',
    },
    {
      occasion: { vi: 'Quốc khánh', en: 'National Day' },
      from: '2025-08-30',
      to: '2025-09-02',
      source: 'Thông báo 6150/TB-BLĐTBXH [domain.md §4.3, V S14]',
      confidence: 'verified',
    },
  ],
};

export const OFFICIAL_SCHEDULE_2026: OfficialSchedule = {
  year: 2026,
  title: { vi: 'Lịch nghỉ lễ, Tết năm 2026', en: 'Public holidays 2026' },
  choices: [],
  overrides: [
    {
      date: '2026-08-31',
      kind: 'day_off',
      reason: {
        vi: 'Nghỉ hoán đổi ngày làm việc thứ Hai 31/8/2026 với thứ Bảy 22/8/2026 (dịp Quốc khánh)',
        en: 'Day off swapped with Saturday 22/08/2026 (National Day holiday)',
      },
      source: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV [domain.md §4.3, V S13]',
      confidence: 'verified',
    },
    {
      date: '2026-08-22',
      kind: 'working_day',
      reason: { vi: 'Làm bù cho ngày thứ Hai 31/8/2026', en: 'Make-up working day for Monday 31/08/2026' },
      source: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV [domain.md §4.3, V S13]',
      confidence: 'verified',
    },
  ],
  windows: [
    {
      occasion: { vi: 'Tết Dương lịch', en: "New Year's Day" },
      from: '2026-01-01',
      to: '2026-01-01',
      source: '[domain.md §4.3, V S13]',
      confidence: 'verified',
      note: 'See UNCONFIRMED_OVERRIDES for a reported 02/01 ↔ 10/01/2026 swap that is not in domain.md.',
    },
    {
      occasion: { vi: 'Tết Nguyên đán Bính Ngọ', en: 'Lunar New Year (Bính Ngọ)' },
      from: '2026-02-14',
      to: '2026-02-22',
      source: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV [domain.md §4.3, V S13]',
      confidence: 'verified',
      note: 'Statutory Mon 16/02 (29 Chạp) – Fri 20/02 (mùng 4), the default rule.',
    },
    {
      occasion: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
      from: '2026-04-25',
      to: '2026-04-27',
      source: '[domain.md §4.3, V S13 e047808a]',
      confidence: 'verified',
      note: '10/3 lunar = Sun 26/04/2026, compensatory Mon 27/04 (computed by the art. 111(3) rule).',
    },
    {
      occasion: { vi: 'Ngày Chiến thắng và Quốc tế lao động', en: 'Victory Day and Labour Day' },
      from: '2026-04-30',
      to: '2026-05-03',
      source: '[domain.md §4.3, V S13]',
      confidence: 'verified',
    },
    {
      occasion: { vi: 'Quốc khánh', en: 'National Day' },
      from: '2026-08-29',
      to: '2026-09-02',
      workingDays: ['2026-08-22'],
      source: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV [domain.md §4.3, V S13]',
      confidence: 'verified',
    },
  ],
};

export const OFFICIAL_SCHEDULES_2024_2026: readonly OfficialSchedule[] = [
  OFFICIAL_SCHEDULE_2024,
  OFFICIAL_SCHEDULE_2025,
  OFFICIAL_SCHEDULE_2026,
];

/**
 * Reported but not confirmed against an official host, and absent from domain.md §4.3: NOT part of the
 * default schedules. Pass them in `overrides` only after checking the notice on chinhphu.vn / moha.gov.vn.
 */
export const UNCONFIRMED_OVERRIDES: readonly CalendarOverride[] = [
  {
    date: '2026-01-02',
    kind: 'day_off',
    reason: {
      vi: 'Nghỉ hoán đổi ngày làm việc thứ Sáu 02/01/2026 với thứ Bảy 10/01/2026 (Tết Dương lịch)',
      en: 'Day off swapped with Saturday 10/01/2026 (New Year)',
    },
    source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025, as quoted by a news mirror (SOURCES.md §4: weak host)',
    confidence: 'secondary',
    note: 'Unconfirmed; domain.md §4.3 lists 01/01/2026 only.',
  },
  {
    date: '2026-01-10',
    kind: 'working_day',
    reason: { vi: 'Làm bù cho ngày thứ Sáu 02/01/2026', en: 'Make-up working day for Friday 02/01/2026' },
    source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025, as quoted by a news mirror (SOURCES.md §4: weak host)',
    confidence: 'secondary',
    note: 'Unconfirmed; domain.md §4.3 lists 01/01/2026 only.',
  },
];

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarErrorCode } from './errors.js';
import { lunarLeapMonth, lunarMonthLength, lunarToSolar, lunarYearName, solarToLunar } from './lunar.js';
import { civilOfDayNumber, dayNumberOf, isoOfCivil } from './civil-date.js';

const iso = (d: { year: number; month: number; day: number }): string => isoOfCivil(d.year, d.month, d.day);

// Mùng 1 Tết (first day of lunar year) as observed in Viet Nam. 1985 and 2007 differ from the Chinese
// calendar (UTC+8): 1985-01-21 (China 1985-02-20), 2007-02-17 (China 2007-02-18); 2030-02-02 likewise
// (China 2030-02-03). 2024–2030 also in domain.md §4.3.
const TET: ReadonlyArray<readonly [number, string]> = [
  [1985, '1985-01-21'],
  [1990, '1990-01-27'],
  [1991, '1991-02-15'],
  [1992, '1992-02-04'],
  [1993, '1993-01-23'],
  [1994, '1994-02-10'],
  [1995, '1995-01-31'],
  [1996, '1996-02-19'],
  [1997, '1997-02-07'],
  [1998, '1998-01-28'],
  [1999, '1999-02-16'],
  [2000, '2000-02-05'],
  [2001, '2001-01-24'],
  [2002, '2002-02-12'],
  [2003, '2003-02-01'],
  [2004, '2004-01-22'],
  [2005, '2005-02-09'],
  [2006, '2006-01-29'],
  [2007, '2007-02-17'],
  [2008, '2008-02-07'],
  [2009, '2009-01-26'],
  [2010, '2010-02-14'],
  [2011, '2011-02-03'],
  [2012, '2012-01-23'],
  [2013, '2013-02-10'],
  [2014, '2014-01-31'],
  [2015, '2015-02-19'],
  [2016, '2016-02-08'],
  [2017, '2017-01-28'],
  [2018, '2018-02-16'],
  [2019, '2019-02-05'],
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  [2030, '2030-02-02'],
  [2031, '2031-01-23'],
  [2032, '2032-02-11'],
  [2033, '2033-01-31'],
  [2034, '2034-02-19'],
  [2035, '2035-02-08'],
];

describe('Tết (mùng 1 tháng Giêng)', () => {
  it.each(TET)('lunar new year %i falls on %s', (year, expected) => {
    expect(iso(lunarToSolar(1, 1, year, false))).toBe(expected);
    const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
    expect(solarToLunar(y, m, d)).toEqual({ day: 1, month: 1, year, leapMonth: false });
  });

  it('the day before Tết is the last day of the previous lunar year (month 12)', () => {
    for (const [year, expected] of TET) {
      const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
      const eve = civilOfDayNumber(dayNumberOf(y, m, d) - 1);
      const lunar = solarToLunar(eve.year, eve.month, eve.day);
      expect(lunar.month).toBe(12);
      expect(lunar.year).toBe(year - 1);
      expect(lunar.day === 29 || lunar.day === 30).toBe(true);
    }
  });

  it('29 Chạp Ất Tỵ = Mon 16/02/2026 (domain.md §4.3)', () => {
    expect(solarToLunar(2026, 2, 16)).toEqual({ day: 29, month: 12, year: 2025, leapMonth: false });
  });
});

describe("Hùng Kings' day (10/3 lunar), domain.md §4.3", () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
  ] as const)('%i → %s', (year, expected) => {
    expect(iso(lunarToSolar(10, 3, year, false))).toBe(expected);
  });
});

describe('leap months', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2017, 6],
    [2014, 9],
    [2028, 5],
    [2033, 11],
  ] as const)('lunar year %i has leap month %i', (year, month) => {
    expect(lunarLeapMonth(year)).toBe(month);
  });

  it.each([2021, 2022, 2024, 2026, 2027])('lunar year %i has no leap month', (year) => {
    expect(lunarLeapMonth(year)).toBeNull();
  });

  it.each([
    // first day of the leap month, and the day before it (last day of the regular month)
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2020, 4, '2020-05-23'],
  ] as const)('leap month %i/%i starts on %s', (year, month, start) => {
    expect(iso(lunarToSolar(1, month, year, true))).toBe(start);
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    expect(solarToLunar(y, m, d)).toEqual({ day: 1, month, year, leapMonth: true });
    const before = civilOfDayNumber(dayNumberOf(y, m, d) - 1);
    expect(solarToLunar(before.year, before.month, before.day)).toMatchObject({ month, year, leapMonth: false });
  });

  it('the regular and the leap month of 2025 are consecutive months', () => {
    const regular = lunarToSolar(1, 6, 2025, false);
    const leap = lunarToSolar(1, 6, 2025, true);
    const gap = dayNumberOf(leap.year, leap.month, leap.day) - dayNumberOf(regular.year, regular.month, regular.day);
    expect(gap).toBe(lunarMonthLength(6, 2025, false));
  });

  it('leap month 11 of 2033 belongs to lunar year 2033', () => {
    const start = lunarToSolar(1, 11, 2033, true);
    expect(solarToLunar(start.year, start.month, start.day)).toEqual({ day: 1, month: 11, year: 2033, leapMonth: true });
  });
});

describe('errors', () => {
  it('rejects a leap month the year does not have', () => {
    expect(() => lunarToSolar(1, 3, 2025, true)).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_LUNAR_DATE }));
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_LUNAR_DATE }));
  });

  it('rejects day 30 of a 29-day month', () => {
    // month 12 of Ất Tỵ (2025) has 29 days: 29 Chạp = 16/02/2026, mùng 1 = 17/02/2026
    expect(lunarMonthLength(12, 2025)).toBe(29);
    expect(() => lunarToSolar(30, 12, 2025, false)).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.INVALID_LUNAR_DATE }),
    );
  });

  it.each([
    [0, 1, 2025],
    [31, 1, 2025],
    [1, 13, 2025],
    [1.5, 1, 2025],
  ])('rejects lunar %s/%s/%s', (d, m, y) => {
    expect(() => lunarToSolar(d, m, y)).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_LUNAR_DATE }));
  });

  it('rejects impossible solar dates and years outside 1800–2199', () => {
    expect(() => solarToLunar(2025, 2, 29)).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_DATE }));
    expect(() => solarToLunar(2025, 13, 1)).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_DATE }));
    expect(() => solarToLunar(1700, 1, 1)).toThrow(expect.objectContaining({ code: CalendarErrorCode.OUT_OF_RANGE }));
    expect(() => lunarToSolar(1, 1, 2300)).toThrow(expect.objectContaining({ code: CalendarErrorCode.OUT_OF_RANGE }));
  });

  it('errors carry {vi, en} messages', () => {
    try {
      lunarToSolar(1, 3, 2025, true);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ localized: { vi: expect.any(String), en: expect.any(String) } });
    }
  });
});

describe('year names', () => {
  it.each([
    [2024, 'Giáp Thìn'],
    [2025, 'Ất Tỵ'],
    [2026, 'Bính Ngọ'],
    [1985, 'Ất Sửu'],
  ] as const)('%i is %s', (year, name) => {
    expect(lunarYearName(year)).toBe(name);
  });
});

describe('properties', () => {
  const firstDay = dayNumberOf(1900, 1, 1);
  const lastDay = dayNumberOf(2100, 12, 31);

  it('lunarToSolar(solarToLunar(x)) = x for dates 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: firstDay, max: lastDay }), (dayNumber) => {
        const solar = civilOfDayNumber(dayNumber);
        const lunar = solarToLunar(solar.year, solar.month, solar.day);
        expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leapMonth)).toEqual(solar);
      }),
      { numRuns: 3000 },
    );
  });

  it('consecutive solar days are consecutive lunar days (or day 1 of the next month)', () => {
    fc.assert(
      fc.property(fc.integer({ min: firstDay, max: lastDay - 1 }), (dayNumber) => {
        const a = civilOfDayNumber(dayNumber);
        const b = civilOfDayNumber(dayNumber + 1);
        const la = solarToLunar(a.year, a.month, a.day);
        const lb = solarToLunar(b.year, b.month, b.day);
        if (lb.day === 1) {
          expect(la.day === 29 || la.day === 30).toBe(true);
        } else {
          expect(lb).toEqual({ ...la, day: la.day + 1 });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('exhaustively: every day 1900–2100 round-trips and lunar days run consecutively', () => {
    let previous = solarToLunar(1899, 12, 31);
    for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber += 1) {
      const solar = civilOfDayNumber(dayNumber);
      const lunar = solarToLunar(solar.year, solar.month, solar.day);
      const back = lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leapMonth);
      if (back.year !== solar.year || back.month !== solar.month || back.day !== solar.day) {
        expect({ solar, lunar, back }).toBeUndefined();
      }
      const consecutive =
        lunar.day === 1
          ? previous.day === 29 || previous.day === 30
          : lunar.day === previous.day + 1 &&
            lunar.month === previous.month &&
            lunar.year === previous.year &&
            lunar.leapMonth === previous.leapMonth;
      if (!consecutive) expect({ solar, previous, lunar }).toBeUndefined();
      previous = lunar;
    }
  }, 60_000);

  it('every lunar year 1901–2100 starts between 21 January and 20 February', () => {
    for (let year = 1901; year <= 2100; year += 1) {
      const tet = lunarToSolar(1, 1, year);
      const key = tet.month * 100 + tet.day;
      expect(key >= 121 && key <= 220).toBe(true);
    }
  });
});

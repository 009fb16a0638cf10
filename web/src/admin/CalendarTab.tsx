import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort, type Me } from '../api.js';
import i18n, { useLocalized } from '../i18n.js';
import { calendarEn, calendarVi } from './calendar-locales.js';
import {
  FIRST_YEAR,
  GRID_WEEKDAYS,
  knownStatus,
  LAST_YEAR,
  lunarYearName,
  markedStatus,
  MARKED,
  MONTH_KEYS,
  monthKey,
  monthWeeks,
  parseIsoDate,
  vnToday,
  WEEKDAY_KEYS,
  formatDayMonth,
  type CalendarDay,
  type CalendarMonth,
  type LunarDate,
  type MonthDay,
} from './calendar.js';
import type { Directory } from './directory.js';
import { ScheduleEditor } from './ScheduleEditor.js';
import { DeadlinePanel } from './DeadlinePanel.js';

// This chunk brings its own texts, added to the administration page's.
i18n.addResourceBundle('vi', 'admin', calendarVi, true, false);
i18n.addResourceBundle('en', 'admin', calendarEn, true, false);

export type MonthRef = { year: number; month: number };

const clampYear = (y: number) => Math.min(LAST_YEAR, Math.max(FIRST_YEAR, y));

/**
 * Whether the user administers a top-level agency (only they may change the common calendar);
 * null while the agency directory is not loaded. The server decides in any case.
 */
function isScheduleAdmin(me: Me, directory: Directory): boolean | null {
  if (!directory.loaded) return null;
  const adminAt = new Set(me.roles.filter((r) => r.role === 'admin').map((r) => r.agencyCode));
  return directory.agencies.some((a) => adminAt.has(a.code) && a.parentCode === null);
}

/** The working calendar: the month view, the entered days off and make-up days, the deadline calculator. */
export default function CalendarTab({ me, directory }: { me: Me; directory: Directory }) {
  const { t } = useTranslation('admin');
  const today = useMemo(() => vnToday(), []);
  const [view, setView] = useState<MonthRef>({ year: clampYear(today.year), month: today.month });
  // Bumped after every change of the schedule: the month view reads its month again.
  const [generation, setGeneration] = useState(0);
  const scheduleAdmin = useMemo(() => isScheduleAdmin(me, directory), [me, directory]);

  const changed = useCallback((date: string) => {
    const { year, month } = parseIsoDate(date);
    setView({ year: clampYear(year), month });
    setGeneration((g) => g + 1);
  }, []);

  return (
    <section aria-labelledby="calendar-heading" className="calendar">
      <h2 id="calendar-heading">{t('calendar.heading')}</h2>
      <p className="note">{t('calendar.intro')}</p>
      <MonthView view={view} onView={setView} generation={generation} todayIso={today.iso} />
      <ScheduleEditor year={view.year} generation={generation} scheduleAdmin={scheduleAdmin} onChanged={changed} />
      <DeadlinePanel />
    </section>
  );
}

function useDayTexts() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();

  const lunarDayText = (l: LunarDate) => t(l.day <= 10 ? 'calendar.lunarEarly' : 'calendar.lunarLate', { day: l.day });
  const lunarFull = (l: LunarDate) =>
    t('calendar.lunarFull', {
      day: lunarDayText(l),
      month: t(`calendar.lunarMonths.${monthKey(l.month)}`),
      leap: l.leapMonth ? t('calendar.leapSuffix') : '',
      yearName: lunarYearName(l.year),
    });
  const statusText = (d: CalendarDay) => {
    const s = knownStatus(d.status);
    return s ? t(`calendar.status.${s}`) : d.status;
  };
  const weekdayName = (weekday: number) => t(`calendar.weekdays.${WEEKDAY_KEYS[weekday] ?? 'mon'}`);
  const dayFull = (iso: string, weekday: number) => {
    const { year, month, day } = parseIsoDate(iso);
    return t('calendar.dayFull', { weekday: weekdayName(weekday), day, month, monthName: t(`calendar.monthNames.${monthKey(month)}`), year });
  };
  /** Everything a cell says, as one sentence for screen readers. */
  const describe = (d: MonthDay, isToday: boolean) =>
    [
      dayFull(d.date, d.weekday),
      lunarFull(d.lunar),
      d.reason ? `${statusText(d)}: ${localized(d.reason)}` : statusText(d),
      isToday ? t('calendar.today') : '',
    ]
      .filter(Boolean)
      .join('. ');
  return { describe, statusText, weekdayName, lunarFull };
}

/** The month as a Vietnamese wall calendar: Monday first, solar day large, lunar day small. */
function MonthView({ view, onView, generation, todayIso }: { view: MonthRef; onView(v: MonthRef): void; generation: number; todayIso: string }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const texts = useDayTexts();
  const [data, setData] = useState<CalendarMonth | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<CalendarMonth>('/api/v1/calendar/month', { year: view.year, month: view.month }, ctl.signal)
      .then((m) => {
        setData(m);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }));
        setLoading(false);
      });
    return () => ctl.abort();
  }, [view.year, view.month, generation, retry]);

  const step = (delta: number) => {
    const i = view.year * 12 + (view.month - 1) + delta;
    const year = Math.floor(i / 12);
    if (year < FIRST_YEAR || year > LAST_YEAR) return;
    onView({ year, month: (i % 12) + 1 });
  };
  const atStart = view.year === FIRST_YEAR && view.month === 1;
  const atEnd = view.year === LAST_YEAR && view.month === 12;
  const today = parseIsoDate(todayIso);
  const years = useMemo(() => Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i), []);

  const shown = data && data.year === view.year && data.month === view.month ? data : null;
  const monthName = (m: number) => t(`calendar.monthNames.${monthKey(m)}`);
  const weeks = shown ? monthWeeks(shown.days) : [];
  const notable = shown ? shown.days.filter((d) => markedStatus(d.status) || d.reason) : [];

  // The lunar months the solar month spans, e.g. "tháng Chạp năm Ất Tỵ – tháng Giêng năm Bính Ngọ".
  const lunarRange = useMemo(() => {
    if (!shown) return '';
    const seen: LunarDate[] = [];
    for (const d of shown.days) {
      const last = seen[seen.length - 1];
      if (!last || last.month !== d.lunar.month || last.leapMonth !== d.lunar.leapMonth || last.year !== d.lunar.year) seen.push(d.lunar);
    }
    return seen
      .map((l) =>
        t('calendar.lunarMonthYear', {
          month: t(`calendar.lunarMonths.${monthKey(l.month)}`),
          leap: l.leapMonth ? t('calendar.leapSuffix') : '',
          yearName: lunarYearName(l.year),
        }),
      )
      .join(' – ');
  }, [shown, t]);

  return (
    <section aria-labelledby="calendar-month-heading" className="cal-month">
      <h3 id="calendar-month-heading">{t('calendar.monthHeading')}</h3>
      <div className="cal-nav">
        <div className="cal-nav-buttons">
          <button type="button" className="secondary" onClick={() => step(-1)} disabled={atStart}>
            <span aria-hidden="true">‹ </span>
            {t('calendar.prevMonth')}
          </button>
          <button type="button" className="secondary" onClick={() => step(1)} disabled={atEnd}>
            {t('calendar.nextMonth')}
            <span aria-hidden="true"> ›</span>
          </button>
          {(view.year !== today.year || view.month !== today.month) && today.year >= FIRST_YEAR && today.year <= LAST_YEAR && (
            <button type="button" className="secondary" onClick={() => onView({ year: today.year, month: today.month })}>
              {t('calendar.thisMonth')}
            </button>
          )}
        </div>
        <div className="cal-nav-selects">
          <div className="field">
            <label htmlFor="cal-month">{t('calendar.month')}</label>
            <select id="cal-month" value={view.month} onChange={(e) => onView({ year: view.year, month: Number(e.target.value) })}>
              {MONTH_KEYS.map((k, i) => (
                <option key={k} value={i + 1}>
                  {t(`calendar.monthNames.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cal-year">{t('calendar.year')}</label>
            <select id="cal-year" value={view.year} onChange={(e) => onView({ year: Number(e.target.value), month: view.month })}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>

      <p role="status" className="visually-hidden">
        {loading ? t('list.loading') : shown ? t('calendar.viewing', { monthName: monthName(shown.month), year: shown.year }) : ''}
      </p>
      {error && (
        <div className="form-errors" role="alert">
          <p>{localized(error.localized)}</p>
          <button type="button" className="secondary" onClick={() => setRetry((r) => r + 1)}>
            {t('list.retry')}
          </button>
        </div>
      )}
      {loading && !shown && <p>{t('list.loading')}</p>}
      {shown && (
        <>
          <div className="table-wrap cal-wrap">
            <table className="cal-table" aria-busy={loading}>
              <caption>
                {t('calendar.caption', { monthName: monthName(shown.month), year: shown.year })}
                <span id="cal-lunar-range" className="cal-caption-lunar">
                  {t('calendar.lunarRange', { range: lunarRange })}
                </span>
              </caption>
              <thead>
                <tr>
                  {GRID_WEEKDAYS.map((k) => (
                    <th key={k} scope="col" className={k === 'sat' || k === 'sun' ? 'cal-weekend' : undefined}>
                      <span className="cal-wd-long">{t(`calendar.weekdays.${k}`)}</span>
                      <span className="cal-wd-short" aria-hidden="true">
                        {t(`calendar.weekdaysShort.${k}`)}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, w) => (
                  <tr key={w}>
                    {week.map((d, i) => (d ? <DayCell key={d.date} day={d} isToday={d.date === todayIso} describe={texts.describe} /> : <td key={`x${i}`} className="cal-empty" />))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Legend />
          <h4 id="cal-notable-heading">{t('calendar.notableHeading')}</h4>
          {notable.length === 0 ? (
            <p>{t('calendar.notableNone')}</p>
          ) : (
            <ul className="cal-notable" aria-labelledby="cal-notable-heading">
              {notable.map((d) => {
                const marked = markedStatus(d.status);
                return (
                  <li key={d.date}>
                    <span className={`cal-swatch cal-${marked ?? 'weekly_rest'}`} aria-hidden="true">
                      {marked ? t(`calendar.tag.${marked}`) : texts.statusText(d)}
                    </span>{' '}
                    <span>
                      <strong>{formatDayMonth(d.date)}</strong> ({texts.weekdayName(d.weekday)}) — {texts.statusText(d)}
                      {d.reason && `: ${localized(d.reason)}`}
                      {d.source && <span className="hint cal-source"> {t('calendar.source', { source: d.source })}</span>}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function DayCell({ day, isToday, describe }: { day: MonthDay; isToday: boolean; describe(d: MonthDay, isToday: boolean): string }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const marked = markedStatus(day.status);
  const solar = parseIsoDate(day.date).day;
  const l = day.lunar;
  // As on wall calendars: the lunar month is written on its first day and on the solar month's first day.
  const lunar = l.day === 1 || solar === 1 ? `${l.day}/${l.month}` : String(l.day);
  const classes = ['cal-day', `cal-${knownStatus(day.status) ?? 'working'}`];
  if (day.reason && !marked) classes.push('cal-has-reason');
  if (isToday) classes.push('cal-is-today');
  return (
    <td className={classes.join(' ')} aria-current={isToday ? 'date' : undefined}>
      <div className="cal-cell" aria-hidden="true">
        <span className="cal-solar">{solar}</span>
        <span className={l.day === 1 ? 'cal-lunar cal-lunar-first' : 'cal-lunar'}>
          {lunar}
          {l.leapMonth && l.day === 1 && <span className="cal-leap"> {t('calendar.leap')}</span>}
        </span>
        {marked && <span className="cal-tag">{t(`calendar.tag.${marked}`)}</span>}
        {day.reason && <span className="cal-reason">{localized(day.reason)}</span>}
        {isToday && <span className="cal-today">{t('calendar.today')}</span>}
      </div>
      <span className="visually-hidden">{describe(day, isToday)}</span>
    </td>
  );
}

function Legend() {
  const { t } = useTranslation('admin');
  return (
    <div className="cal-legend-box">
      <h4 id="cal-legend-heading">{t('calendar.legendHeading')}</h4>
      <ul className="cal-legend" aria-labelledby="cal-legend-heading">
        {MARKED.map((s) => (
          <li key={s}>
            <span className={`cal-swatch cal-${s}`}>{t(`calendar.tag.${s}`)}</span>
            <span className="visually-hidden">: </span>
            <span>{t(`calendar.legend.${s}`)}</span>
          </li>
        ))}
        <li>
          <span className="cal-swatch cal-weekly_rest">{t('calendar.weekdaysShort.sat')}, {t('calendar.weekdaysShort.sun')}</span>
          <span className="visually-hidden">: </span>
          <span>{t('calendar.legend.weekly_rest')}</span>
        </li>
        <li>
          <span className="cal-swatch cal-is-today">{t('calendar.today')}</span>
          <span className="visually-hidden">: </span>
          <span>{t('calendar.legend.today')}</span>
        </li>
      </ul>
      <p className="hint">{t('calendar.lunarNote')}</p>
    </div>
  );
}

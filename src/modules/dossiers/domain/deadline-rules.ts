/**
 * Rules versioned by effective date, and the timeliness classifications built on them.
 *
 * A dossier is handled under the rules in force when it was RECEIVED (domain.md §0.1): Decree 61/2018 +
 * Circular 01/2018 before 1/7/2025, Decree 118/2025 + Circular 03/2025 from then on. Slips carry the
 * number of the form set in force on their ISSUE date instead (see forms.ts): Circular 03's forms are
 * used from 15/9/2025, so a dossier received in August 2025 gets 2025 rules but 2018-numbered slips
 * until mid-September.
 *
 * Deadline arithmetic itself is the calendar module's; this file only reads positions and days.
 */
import { isoOfDayNumber, isWorkingDay, parseIsoDate, vnTime, type IsoDate, type WorkingCalendar } from '../../calendar/index.js';
import type { LocalizedText } from '../../../platform/errors.js';
import { vnDateOf } from './dossier-code.js';
import { CIRCULAR_01_2018, CIRCULAR_03_2025, type FormSet } from './forms.js';

export type RuleSetId = 'decree-61-2018' | 'decree-118-2025';

export interface RuleSet {
  readonly id: RuleSetId;
  readonly title: LocalizedText;
  readonly legalBasis: readonly LocalizedText[];
  /** First instant (Viet Nam midnight) of the set; null = the earliest set the system knows. */
  readonly effectiveFrom: Date | null;
  /** Numbering of the guiding circular (the numbers printed depend on the issue date: formSetInForceAt). */
  readonly forms: FormSet;
  /** More supplement requests than this ⇒ the dossier counts as late (766 indicator 2.1). */
  readonly maxSupplementRequestsOnTime: number;
  /** The appointment may be reset at most this many times, by an apology letter. */
  readonly maxApologies: number;
  /** The apology must be issued no later than this many working days before the due day. */
  readonly apologyWorkingDaysBeforeDue: number;
}

export const DECREE_61_2018: RuleSet = {
  id: 'decree-61-2018',
  title: { vi: 'Nghị định 61/2018/NĐ-CP (cơ chế một cửa, một cửa liên thông)', en: 'Decree 61/2018/NĐ-CP (one-stop mechanism)' },
  legalBasis: [
    { vi: 'Nghị định số 61/2018/NĐ-CP', en: 'Decree 61/2018/NĐ-CP' },
    { vi: 'Nghị định số 107/2021/NĐ-CP (sửa đổi)', en: 'Decree 107/2021/NĐ-CP (amending)' },
    { vi: 'Thông tư số 01/2018/TT-VPCP', en: 'Circular 01/2018/TT-VPCP' },
  ],
  effectiveFrom: null,
  forms: CIRCULAR_01_2018,
  maxSupplementRequestsOnTime: 1,
  maxApologies: 1,
  apologyWorkingDaysBeforeDue: 1,
};

export const DECREE_118_2025: RuleSet = {
  id: 'decree-118-2025',
  title: { vi: 'Nghị định 118/2025/NĐ-CP (cơ chế một cửa, một cửa liên thông)', en: 'Decree 118/2025/NĐ-CP (one-stop mechanism)' },
  legalBasis: [
    { vi: 'Nghị định số 118/2025/NĐ-CP', en: 'Decree 118/2025/NĐ-CP' },
    { vi: 'Thông tư số 03/2025/TT-VPCP', en: 'Circular 03/2025/TT-VPCP' },
  ],
  effectiveFrom: vnTime(2025, 7, 1),
  forms: CIRCULAR_03_2025,
  maxSupplementRequestsOnTime: 1,
  maxApologies: 1,
  apologyWorkingDaysBeforeDue: 1,
};

/** Oldest first. */
export const RULE_SETS: readonly RuleSet[] = [DECREE_61_2018, DECREE_118_2025];
export const RULE_SET_BY_ID: Readonly<Record<RuleSetId, RuleSet>> = {
  'decree-61-2018': DECREE_61_2018,
  'decree-118-2025': DECREE_118_2025,
};

/** The rule set in force at an instant (use the receipt instant for a dossier). */
export function rulesInForceAt(at: Date): RuleSet {
  let found = RULE_SETS[0]!;
  for (const set of RULE_SETS) if (set.effectiveFrom === null || set.effectiveFrom.getTime() <= at.getTime()) found = set;
  return found;
}

// ---------------------------------------------------------------------------------------------
// Timeliness

/** Trước hạn / Đúng hạn / Quá hạn. */
export type Timeliness = 'early' | 'on_time' | 'late';

export const TIMELINESS_LABELS: Record<Timeliness, LocalizedText> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

/**
 * Compares an instant with a due instant at the granularity the slips print: after the due instant ⇒
 * late; not after it and on the due's day (Viet Nam) ⇒ on time; on an earlier day ⇒ early. Instant
 * precision decides lateness, so a hand-over at 16:00 on a step due at 10:00 is never "on time".
 */
export function classifyAgainstDue(at: Date, due: Date): Timeliness {
  if (at.getTime() > due.getTime()) return 'late';
  return vnDateOf(at) === vnDateOf(due) ? 'on_time' : 'early';
}

/**
 * Timeliness of a finished dossier (domain.md §4.1 rule 8, 766 indicator 2.1): late if it finished after
 * its legal due date (which pauses have already moved; the apology's new appointment does NOT count) or
 * if the applicant was asked to supplement more than once.
 */
export function classifyCompletion(
  finishedAt: Date,
  due: Date,
  supplementRounds: number,
  rules: Pick<RuleSet, 'maxSupplementRequestsOnTime'> = DECREE_118_2025,
): Timeliness {
  if (supplementRounds > rules.maxSupplementRequestsOnTime) return 'late';
  return classifyAgainstDue(finishedAt, due);
}

/** Control-slip result of one step (domain.md §3.3): compared with the step's due instant. */
export const classifyStep = (handedOverAt: Date, stepDue: Date): Timeliness => classifyAgainstDue(handedOverAt, stepDue);

/**
 * The literal control-slip rule on budgets (domain.md §3.3): "Trước hạn" if budget > used, "Đúng hạn"
 * if equal, "Quá hạn" otherwise. Both in the same unit, e.g. whole working days.
 */
export function classifyStepBudget(used: number, budget: number): Timeliness {
  if (budget > used) return 'early';
  return budget === used ? 'on_time' : 'late';
}

// ---------------------------------------------------------------------------------------------
// Apology deadline

const MS_PER_DAY = 86_400_000;

function dayNumberOfIso(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * The last day (Viet Nam) on which the apology may be issued: the N-th working day before the due's
 * day ("chậm nhất 01 ngày trước ngày hết hạn", read as working days). A due of Monday gives the Friday
 * before (or earlier across holidays).
 */
export function apologyDeadline(due: Date, calendar: WorkingCalendar, workingDaysBefore = 1): IsoDate {
  let day = dayNumberOfIso(vnDateOf(due));
  let found = 0;
  // Bounded: the longest run of non-working days (Tết) is far below this.
  for (let guard = 0; guard < 370 && found < workingDaysBefore; guard += 1) {
    day -= 1;
    if (isWorkingDay(isoOfDayNumber(day), calendar)) found += 1;
  }
  return isoOfDayNumber(day);
}

/** Whether an apology issued at `at` meets the deadline for `due`. */
export const apologyInTime = (at: Date, due: Date, calendar: WorkingCalendar, workingDaysBefore = 1): boolean =>
  vnDateOf(at) <= apologyDeadline(due, calendar, workingDaysBefore);

import { AppError, type LocalizedText } from '../../platform/errors.js';

/**
 * Stable error codes of the calendar module. Callers (API, UI, logs) may switch on them;
 * never rename one, add a new code instead.
 */
export const CalendarErrorCode = {
  INVALID_DATE: 'CALENDAR_INVALID_DATE',
  OUT_OF_RANGE: 'CALENDAR_OUT_OF_RANGE',
  INVALID_DURATION: 'CALENDAR_INVALID_DURATION',
  NEGATIVE_DURATION: 'CALENDAR_NEGATIVE_DURATION',
  INVALID_LUNAR_DATE: 'CALENDAR_INVALID_LUNAR_DATE',
  INVALID_WORKING_HOURS: 'CALENDAR_INVALID_WORKING_HOURS',
  NO_WORKING_TIME: 'CALENDAR_NO_WORKING_TIME',
  INVALID_OVERRIDE: 'CALENDAR_INVALID_OVERRIDE',
  OVERRIDE_CONFLICT: 'CALENDAR_OVERRIDE_CONFLICT',
  WORKING_DAY_ON_HOLIDAY: 'CALENDAR_WORKING_DAY_ON_HOLIDAY',
  INVALID_RANGE: 'CALENDAR_INVALID_RANGE',
  CLOCK_ALREADY_PAUSED: 'CALENDAR_CLOCK_ALREADY_PAUSED',
  CLOCK_NOT_PAUSED: 'CALENDAR_CLOCK_NOT_PAUSED',
} as const;

export type CalendarErrorCode = (typeof CalendarErrorCode)[keyof typeof CalendarErrorCode];

const MESSAGES: Record<CalendarErrorCode, LocalizedText> = {
  CALENDAR_INVALID_DATE: { vi: 'Ngày giờ không hợp lệ', en: 'Invalid date or time' },
  CALENDAR_OUT_OF_RANGE: {
    vi: 'Ngày nằm ngoài phạm vi được hỗ trợ của lịch',
    en: 'The date is outside the range supported by the calendar',
  },
  CALENDAR_INVALID_DURATION: {
    vi: 'Thời hạn không hợp lệ: phải là số nguyên với đơn vị được hỗ trợ',
    en: 'Invalid duration: it must be a whole number with a supported unit',
  },
  CALENDAR_NEGATIVE_DURATION: { vi: 'Thời hạn không được là số âm', en: 'A duration cannot be negative' },
  CALENDAR_INVALID_LUNAR_DATE: { vi: 'Ngày âm lịch không tồn tại', en: 'This lunar date does not exist' },
  CALENDAR_INVALID_WORKING_HOURS: { vi: 'Giờ làm việc không hợp lệ', en: 'Invalid working hours' },
  CALENDAR_NO_WORKING_TIME: {
    vi: 'Lịch làm việc không có thời gian làm việc',
    en: 'The working calendar has no working time',
  },
  CALENDAR_INVALID_OVERRIDE: {
    vi: 'Khai báo ngày nghỉ hoặc ngày làm bù không hợp lệ',
    en: 'Invalid day-off or make-up working day entry',
  },
  CALENDAR_OVERRIDE_CONFLICT: {
    vi: 'Một ngày được khai báo vừa là ngày nghỉ vừa là ngày làm việc',
    en: 'The same date is declared both a day off and a working day',
  },
  CALENDAR_WORKING_DAY_ON_HOLIDAY: {
    vi: 'Không thể khai báo ngày làm việc vào ngày nghỉ lễ, tết theo luật định',
    en: 'A statutory holiday cannot be declared a working day',
  },
  CALENDAR_INVALID_RANGE: { vi: 'Khoảng thời gian không hợp lệ', en: 'Invalid time range' },
  CALENDAR_CLOCK_ALREADY_PAUSED: {
    vi: 'Thời hạn giải quyết đang tạm dừng',
    en: 'The processing clock is already paused',
  },
  CALENDAR_CLOCK_NOT_PAUSED: {
    vi: 'Thời hạn giải quyết không ở trạng thái tạm dừng',
    en: 'The processing clock is not paused',
  },
};

/**
 * Error raised by the calendar module: a stable `code`, a `{vi, en}` message and optional details
 * (the offending value). It is an AppError of kind 'validation', so the platform error handler maps it.
 */
export class CalendarError extends AppError {
  override readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, details?: unknown, message: LocalizedText = MESSAGES[code]) {
    super('validation', code, message, details);
    this.name = 'CalendarError';
    this.code = code;
  }
}

export const calendarError = (code: CalendarErrorCode, details?: unknown): CalendarError =>
  new CalendarError(code, details);

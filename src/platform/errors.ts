/**
 * Domain errors carry a stable code and a message in Vietnamese and English, and no HTTP.
 * The single error handler (platform/error-handler.ts) maps `kind` to an HTTP status.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'unsupported'
  | 'rate_limited';

export type LocalizedText = { vi: string; en: string };

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly localized: LocalizedText;
  readonly details: unknown;

  constructor(kind: ErrorKind, code: string, message: LocalizedText, details?: unknown) {
    super(message.en);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.localized = message;
    this.details = details ?? null;
  }
}

export const notFound = (what: LocalizedText, details?: unknown) =>
  new AppError('not_found', 'NOT_FOUND', { vi: `Không tìm thấy ${what.vi}`, en: `${what.en} not found` }, details);

export const forbidden = (details?: unknown) =>
  new AppError(
    'forbidden',
    'FORBIDDEN',
    { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
    details,
  );

export const unauthenticated = () =>
  new AppError('unauthenticated', 'UNAUTHENTICATED', {
    vi: 'Bạn cần đăng nhập để tiếp tục',
    en: 'You need to sign in to continue',
  });

export const invalid = (code: string, message: LocalizedText, details?: unknown) =>
  new AppError('validation', code, message, details);

export const conflict = (code: string, message: LocalizedText, details?: unknown) =>
  new AppError('conflict', code, message, details);

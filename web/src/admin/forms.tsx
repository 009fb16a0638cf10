import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort, newIdempotencyKey, type FieldIssue } from '../api.js';
import { useLocalized } from '../i18n.js';

const UNEXPECTED = new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi, vui lòng thử lại', en: 'Something went wrong, please try again' });

export type Submission = {
  pending: boolean;
  error: ApiError | null;
  /** Where the form's error summary is rendered; it takes focus when a submission fails. */
  errorRef: RefObject<HTMLDivElement | null>;
  /**
   * Sends once at a time (a second click while pending does nothing). `send` gets an idempotency
   * key: the same one as the last attempt when the body is unchanged (a retry after a lost answer
   * cannot create twice), a new one when the body changed.
   */
  run<T>(body: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined>;
  fail(error: ApiError): void;
  clear(): void;
};

export function useSubmission(): Submission {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const errorRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const run = useCallback(async <T,>(body: unknown, send: (key: string) => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    setError(null);
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: newIdempotencyKey() };
    try {
      const result = await send(attempt.current.key);
      attempt.current = null;
      return result;
    } catch (err) {
      if (!isAbort(err)) setError(err instanceof ApiError ? err : UNEXPECTED);
      return undefined;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);

  const fail = useCallback((e: ApiError) => setError(e), []);
  const clear = useCallback(() => setError(null), []);
  return { pending, error, errorRef, run, fail, clear };
}

const PROBLEMS = ['too_small', 'too_few', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value', 'unrecognized_keys'] as const;
type Problem = (typeof PROBLEMS)[number];

/**
 * The kind of a validation problem: its code when the API gives one (`problem`), else read from the
 * validator's English message (the API currently puts the message there).
 */
export function problemKind(issue: FieldIssue): Problem | 'other' {
  const code = PROBLEMS.find((p) => p === issue.problem);
  if (code) return code;
  const m = issue.message;
  if (/^Too small: expected array/i.test(m)) return 'too_few';
  if (/^Too small/i.test(m)) return 'too_small';
  if (/^Too big/i.test(m)) return 'too_big';
  if (/^Invalid option/i.test(m)) return 'invalid_value';
  if (/^Unrecognized key/i.test(m)) return 'unrecognized_keys';
  if (/^Invalid input: expected/i.test(m)) return 'invalid_type';
  if (/^Invalid (string|email|url|uuid)|^must |^not a |lowercase letters/i.test(m)) return 'invalid_format';
  return 'other';
}

/** The text of one field problem in the current language. */
export function useIssueText(): (issue: FieldIssue, error: ApiError) => string {
  const { t, i18n } = useTranslation('admin');
  const localized = useLocalized();
  return (issue, error) => {
    if (issue.problem === 'business') return localized(error.localized);
    if (i18n.language === 'en' && issue.message) return issue.message;
    return t(`problem.${problemKind(issue)}`);
  };
}

/** The problem reported for one field (`body.name`), if any. */
export function useFieldError(error: ApiError | null): (path: string) => string | undefined {
  const text = useIssueText();
  return (path) => {
    if (!error) return undefined;
    const issue = error.issues.find((i) => i.field === path);
    return issue ? text(issue, error) : undefined;
  };
}

/**
 * The summary at the top of a form: always present as a role="alert" region, filled when a
 * submission fails. Problems of fields the form shows link to them; any other field is listed too.
 */
export function FormErrors(props: {
  submission: Submission;
  /** Field path (`body.name`) → [input id, label]. */
  fields: Record<string, [string, string]>;
  note?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const text = useIssueText();
  const { error, errorRef } = props.submission;
  const issues = error ? error.issues.filter((i) => i.problem !== 'business' || !props.fields[i.field]) : [];
  return (
    <div ref={errorRef} role="alert" tabIndex={-1} className={error ? 'form-errors' : 'form-errors-empty'}>
      {error && (
        <>
          <p className="form-errors-title">{localized(error.localized)}</p>
          {issues.length > 0 && (
            <>
              <p>{t('form.problemsIntro')}</p>
              <ul>
                {issues.map((i, n) => {
                  const known = props.fields[i.field];
                  return (
                    <li key={`${i.field}-${n}`}>
                      {known ? (
                        <a
                          href={`#${known[0]}`}
                          onClick={(e) => {
                            e.preventDefault();
                            document.getElementById(known[0])?.focus();
                          }}
                        >
                          {known[1]}: {text(i, error)}
                        </a>
                      ) : (
                        <>
                          <code>{i.field}</code>: {text(i, error)}
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {error.code === 'NETWORK_ERROR' && props.note}
          {props.children}
        </>
      )}
    </div>
  );
}

/** A labelled form control with its hint and error, wired with aria-describedby / aria-invalid. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  children: (a11y: { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const { t } = useTranslation('admin');
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="optional"> {t('form.optional')}</span>}
      </label>
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {props.children({ id: props.id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described })}
    </div>
  );
}

/** The submit button: disabled while the request is under way. */
export function SubmitButton({ pending }: { pending: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <button type="submit" disabled={pending}>
      {pending ? t('form.saving') : t('form.save')}
    </button>
  );
}

/** Focuses the element when the component appears (the heading of a form that just opened). */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** Small pieces shared by the citizen's dossier pages and the back office. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort, type Localized } from '../api.js';
import { useLocalized, type Lang } from '../i18n.js';
import type { HistoryEntry } from './types.js';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const VN = 'Asia/Ho_Chi_Minh';

/** An instant as people in Viet Nam read it: "14:30 15/01/2026" (vi) or "15 Jan 2026, 14:30" (en). */
export function formatDateTime(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (lang === 'vi') {
    const p = new Intl.DateTimeFormat('vi-VN', { timeZone: VN, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
    const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
    return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
  }
  return new Intl.DateTimeFormat(LOCALE.en, { timeZone: VN, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The day of an instant in Viet Nam: "15/01/2026" (vi) or "15 Jan 2026" (en). */
export function formatDay(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: VN, dateStyle: lang === 'vi' ? 'short' : 'medium' }).format(d);
}

export const UNEXPECTED = new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi, vui lòng thử lại', en: 'Something went wrong, please try again' });
export const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : UNEXPECTED);

export type Loaded<T> = { kind: 'loading' } | { kind: 'ok'; data: T } | { kind: 'error'; error: ApiError };

/** Loads once per `deps` change; `reload` loads again. Aborted on unmount. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const ctl = new AbortController();
    loader
      .current(ctl.signal)
      .then((data) => setState({ kind: 'ok', data }))
      .catch((err: unknown) => {
        if (!isAbort(err)) setState({ kind: 'error', error: asApiError(err) });
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ kind: 'ok', data }), []);
  return [state, reload, set];
}

/**
 * Puts focus on the page's heading when the page appears after an in-app navigation (the layout
 * tries before a lazily loaded page exists), so screen readers announce the new page.
 */
export function useHeadingFocus<T extends HTMLElement>(): React.RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.id === 'main' || active.tagName === 'H1') ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}

/** An error in words, with an optional retry. */
export function ErrorBox({ error, children, onRetry, retryLabel }: { error: ApiError; children?: ReactNode; onRetry?: () => void; retryLabel?: string }) {
  const localized = useLocalized();
  return (
    <div className="form-errors" role="alert">
      <p className="form-errors-title">{localized(error.localized)}</p>
      {children}
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}

/** A labelled control with its hint and error, wired with aria-describedby / aria-invalid. */
export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: string | null;
  error?: string | null;
  required?: boolean;
  className?: string;
  children: (a11y: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined; 'aria-required': true | undefined }) => ReactNode;
}) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`${props.error ? 'field field-invalid' : 'field'}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
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
      {props.children({ id: props.id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described, 'aria-required': props.required ? true : undefined })}
    </div>
  );
}

/** The dossier's history as a list of dated sentences, oldest first. */
export function Timeline({ items, heading, headingId }: { items: HistoryEntry[]; heading: string; headingId: string }) {
  const localized = useLocalized();
  const { lang } = useLangOnly();
  return (
    <section aria-labelledby={headingId} className="dos-section">
      <h2 id={headingId}>{heading}</h2>
      <ol className="dos-timeline">
        {items.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            <strong>{localized(e.label)}</strong>
            <span>{localized(e.text)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function useLangOnly(): { lang: Lang } {
  const { i18n } = useTranslation();
  return { lang: i18n.language === 'en' ? 'en' : 'vi' };
}

/** The API's status label, in words, with the status kept as a data attribute for styling. */
export function StatusText({ status, label }: { status: string; label: Localized }) {
  const localized = useLocalized();
  return (
    <span className={`dos-status dos-status-${status.toLowerCase()}`} data-status={status}>
      {localized(label)}
    </span>
  );
}

/** A record's fields as a definition list (`.facts`). */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Form data as label → value, with labels from the procedure's form schema when known. */
export function FormDataList({ data, labels }: { data: Record<string, unknown>; labels: Record<string, string> }) {
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  const show = (v: unknown) => (typeof v === 'boolean' ? (v ? '✓' : '✗') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return <Facts rows={entries.map(([k, v]) => [labels[k] ?? k, <span lang="vi">{show(v)}</span>])} />;
}

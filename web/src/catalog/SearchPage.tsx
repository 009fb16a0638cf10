import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, isAbort, type Page } from '../api.js';
import { useLocalized, type Lang } from '../i18n.js';
import { usePageTitle } from '../page.js';
import { durationFromSummary, formatDuration } from './format.js';
import { useCatalogT, type CatalogT } from './i18n.js';
import { OnlineBadge, useAgencies, ViText } from './shared.js';
import { APPLICANT_TYPES, CHANNELS, LEVELS, ONLINE_LEVELS, isOneOf, type ProcedureSummary } from './types.js';
import './catalog.css';

const DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;
const FILTERS = ['field', 'level', 'applicantType', 'onlineLevel', 'agency'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

const UNEXPECTED = new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi, vui lòng thử lại', en: 'Something went wrong, please try again' });

/** The query sent to the API: only what is set and valid (a bad value in a shared link is dropped). */
function apiQuery(q: string, f: Filters) {
  return {
    q: q.trim() || undefined,
    field: f.field.trim() || undefined,
    level: isOneOf(LEVELS, f.level) ? f.level : undefined,
    applicantType: isOneOf(APPLICANT_TYPES, f.applicantType) ? f.applicantType : undefined,
    onlineLevel: isOneOf(ONLINE_LEVELS, f.onlineLevel) ? f.onlineLevel : undefined,
    agency: f.agency || undefined,
  };
}

type Results = {
  items: ProcedureSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
  /** The page that failed to load, for "Thử lại". */
  failed: string | null;
  done: boolean;
};

/**
 * Citizens' procedure search: results as you type (debounced, stale requests aborted), filters, and
 * "Xem thêm". The query and filters are kept in the address (?q=…&level=…) so results can be shared.
 */
export function SearchPage() {
  const { t, lang } = useCatalogT();
  const localized = useLocalized();
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const query = apiQuery(q, filters);
  const queryKey = JSON.stringify(query);
  const queryRef = useRef(query);
  queryRef.current = query;

  // The box follows the address when it changes from elsewhere (back button, the home page's box).
  const [draft, setDraft] = useState(q);
  const sent = useRef(q);
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setDraft(q);
    }
  }, [q]);

  const setParam = useCallback(
    (name: 'q' | FilterName, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value.trim()) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commit = useCallback(
    (value: string) => {
      clearTimeout(timer.current);
      sent.current = value;
      setParam('q', value);
    },
    [setParam],
  );
  useEffect(() => {
    if (draft === sent.current) return;
    timer.current = setTimeout(() => commit(draft), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [draft, commit]);

  // The first page whenever the query changes; the request of an older query is aborted.
  const [results, setResults] = useState<Results>({ items: [], nextCursor: null, loading: true, error: null, failed: null, done: false });
  const ctl = useRef<AbortController | null>(null);
  const firstNew = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const load = useCallback(
    (cursor: string | null) => {
      ctl.current?.abort();
      const c = new AbortController();
      ctl.current = c;
      setResults((r) => ({ ...r, loading: true, error: null }));
      api
        .get<Page<ProcedureSummary>>('/api/v1/procedures', { ...queryRef.current, limit: PAGE_SIZE, cursor }, c.signal)
        .then((page) =>
          setResults((r) => {
            firstNew.current = cursor ? r.items.length : null;
            return { items: cursor ? [...r.items, ...page.items] : page.items, nextCursor: page.nextCursor, loading: false, error: null, failed: null, done: true };
          }),
        )
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          const error = err instanceof ApiError ? err : UNEXPECTED;
          // A first page that fails leaves no results of an older query on screen.
          setResults((r) => (cursor ? { ...r, loading: false, error, failed: cursor } : { items: [], nextCursor: null, loading: false, error, failed: null, done: false }));
        });
    },
    // A new query (not a new render) makes a new `load`, which loads its first page.
    [queryKey],
  );
  useEffect(() => {
    load(null);
    return () => ctl.current?.abort();
  }, [load]);

  // After "Xem thêm", keyboard focus goes to the first new result.
  useEffect(() => {
    if (firstNew.current === null) return;
    const link = list.current?.querySelectorAll<HTMLAnchorElement>('li > h3 a')[firstNew.current];
    firstNew.current = null;
    link?.focus();
  }, [results.items]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    commit(draft);
  };

  const count = results.items.length;
  const message = !results.done
    ? ''
    : count === 0
      ? t('search.none')
      : t(results.nextCursor ? 'search.foundSome' : 'search.foundAll', { count });

  return (
    <div className="page cat-search">
      <h1 tabIndex={-1}>{t('search.title')}</h1>
      <p className="lead">{t('search.intro')}</p>

      <form role="search" className="cat-search-form" onSubmit={submit}>
        <label htmlFor="cat-q">{t('search.label')}</label>
        <p className="hint" id="cat-q-hint">
          {t('search.hint')}
        </p>
        <div className="cat-search-row">
          <input
            id="cat-q"
            type="search"
            name="q"
            value={draft}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="cat-q-hint"
            aria-controls="cat-results"
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
      </form>

      <SearchFilters filters={filters} setParam={setParam} clear={() => setParams(q ? { q } : {}, { replace: true })} />

      <section aria-labelledby="cat-results-heading">
        <h2 id="cat-results-heading" className="visually-hidden">
          {t('search.resultsHeading')}
        </h2>
        {/* Announced politely once a search has finished, not on every key. */}
        <p role="status" className="cat-result-count">
          {message}
        </p>
        <p className={results.loading ? 'cat-loading' : 'cat-loading cat-loading-idle'} aria-hidden="true">
          {t('search.loading')}
        </p>
        {results.error && (
          <div className="form-errors" role="alert">
            <p>{localized(results.error.localized)}</p>
            <button type="button" className="secondary" onClick={() => load(results.failed)}>
              {t('search.retry')}
            </button>
          </div>
        )}
        <ol id="cat-results" ref={list} className="cat-results" aria-busy={results.loading}>
          {results.items.map((p) => (
            <ResultItem key={p.code} p={p} t={t} lang={lang} />
          ))}
        </ol>
        {results.nextCursor && !results.error && (
          <p>
            <button type="button" className="secondary" disabled={results.loading} onClick={() => load(results.nextCursor)}>
              {t('search.more')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}

function SearchFilters(props: { filters: Filters; setParam(name: FilterName, value: string): void; clear(): void }) {
  const { t } = useCatalogT();
  const { filters, setParam } = props;
  const active = FILTERS.filter((k) => filters[k]).length;
  const [open, setOpen] = useState(active > 0);
  const agencies = useAgencies(open || !!filters.agency);
  const [field, setField] = useState(filters.field);
  useEffect(() => setField(filters.field), [filters.field]);

  const select = (name: Exclude<FilterName, 'field'>, options: readonly string[], label: (v: string) => string) => (
    <div className="field">
      <label htmlFor={`cat-f-${name}`}>{t(`search.${name}`)}</label>
      <select id={`cat-f-${name}`} value={filters[name]} onChange={(e) => setParam(name, e.target.value)}>
        <option value="">{t('search.any')}</option>
        {filters[name] && !options.includes(filters[name]) && <option value={filters[name]}>{filters[name]}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <details className="cat-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{active ? t('search.filtersActive', { count: active }) : t('search.filters')}</summary>
      <form
        className="cat-filter-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setParam('field', field.trim());
        }}
      >
        <div className="field">
          <label htmlFor="cat-f-field">{t('search.field')}</label>
          <p className="hint" id="cat-f-field-hint">
            {t('search.fieldHint')}
          </p>
          <input
            id="cat-f-field"
            value={field}
            maxLength={500}
            aria-describedby="cat-f-field-hint"
            onChange={(e) => setField(e.target.value)}
            onBlur={() => field.trim() !== filters.field && setParam('field', field.trim())}
          />
        </div>
        {select('level', LEVELS, (v) => t(`labels.levels.${v as (typeof LEVELS)[number]}`))}
        {select('applicantType', APPLICANT_TYPES, (v) => t(`labels.applicants.${v as (typeof APPLICANT_TYPES)[number]}`))}
        {select('onlineLevel', ONLINE_LEVELS, (v) => t(`labels.online.${v as (typeof ONLINE_LEVELS)[number]}`))}
        {select(
          'agency',
          (agencies ?? []).map((a) => a.code),
          (code) => agencies?.find((a) => a.code === code)?.name ?? code,
        )}
        <div className="form-actions">
          <button type="submit">{t('search.apply')}</button>
          {active > 0 && (
            <button type="button" className="secondary" onClick={props.clear}>
              {t('search.clear')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}

function ResultItem({ p, t, lang }: { p: ProcedureSummary; t: CatalogT; lang: Lang }) {
  const time = (text: string | null) => {
    if (!text) return null;
    const d = durationFromSummary(text);
    return d ? formatDuration(d, t, lang) : <ViText text={text} lang={lang} />;
  };
  const fee = (text: string | null) => (text === 'Miễn phí' ? t('money.free') : text ? <ViText text={text} lang={lang} /> : null);
  // One line when every channel has the same time limit and fees, else one per channel.
  const rows = p.channels.filter((c) => c.processingTime || c.fee);
  const same = rows.length > 0 && rows.every((c) => c.processingTime === rows[0]!.processingTime && c.fee === rows[0]!.fee);
  const levels = p.levels.filter((l) => isOneOf(LEVELS, l)).map((l) => t(`labels.levels.${l as (typeof LEVELS)[number]}`));

  return (
    <li className="cat-result">
      <h3>
        <Link to={`/thu-tuc/${p.code}`}>
          <ViText text={p.name} lang={lang} />
        </Link>
      </h3>
      <p className="cat-meta">
        <span>
          {t('search.code')}: <code>{p.code}</code>
        </span>
        {p.field && (
          <span>
            {t('procedure.field')}: <ViText text={p.field} lang={lang} />
          </span>
        )}
        {levels.length > 0 && <span>{levels.join(', ')}</span>}
        <OnlineBadge level={p.onlineLevel} />
      </p>
      {same ? (
        <p className="cat-summary">
          {rows[0]!.processingTime && (
            <span>
              {t('search.time')}: {time(rows[0]!.processingTime)}
            </span>
          )}
          {rows[0]!.fee && (
            <span>
              {t('search.fee')}: {fee(rows[0]!.fee)}
            </span>
          )}
        </p>
      ) : (
        rows.length > 0 && (
          <ul className="cat-summary-list">
            {CHANNELS.flatMap((ch) =>
              rows
                .filter((c) => c.channel === ch)
                .map((c, i) => (
                  <li key={`${ch}-${i}`}>
                    <strong>{t(`labels.channels.${ch}`)}:</strong> {time(c.processingTime)}
                    {c.processingTime && c.fee && '; '}
                    {fee(c.fee)}
                  </li>
                )),
            )}
          </ul>
        )
      )}
    </li>
  );
}

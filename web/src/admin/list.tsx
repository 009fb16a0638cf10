import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort, type Page, type Query } from '../api.js';
import { useLocalized } from '../i18n.js';

export type PagedList<T> = {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
  more(): void;
  reload(): void;
};

/** A cursor-paginated list: the first page whenever the query changes, then "more" appends. */
export function usePagedList<T>(path: string, query: Query): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const ctl = useRef<AbortController | null>(null);
  const key = `${path}?${JSON.stringify(query)}`;
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback(
    (cursor: string | null) => {
      ctl.current?.abort();
      const c = new AbortController();
      ctl.current = c;
      setLoading(true);
      setError(null);
      api
        .get<Page<T>>(path, { ...queryRef.current, cursor }, c.signal)
        .then((page) => {
          setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
          setNextCursor(page.nextCursor);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }));
          setLoading(false);
        });
    },
    [path],
  );

  useEffect(() => {
    setItems([]);
    setNextCursor(null);
    load(null);
    return () => ctl.current?.abort();
  }, [key, generation, load]);

  return {
    items,
    nextCursor,
    loading,
    error,
    more: () => {
      if (nextCursor && !loading) load(nextCursor);
    },
    reload: () => setGeneration((g) => g + 1),
  };
}

/** Count, errors and the "Xem thêm" button under a list. */
export function ListFooter({ list }: { list: PagedList<unknown> }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const button = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const hadFocus = useRef(false);
  // When the last page arrives the button goes away: keep keyboard focus near where it was.
  useEffect(() => {
    if (!list.loading && !list.nextCursor && hadFocus.current) {
      hadFocus.current = false;
      status.current?.focus();
    }
  }, [list.loading, list.nextCursor]);

  const count = list.items.length;
  return (
    <div className="list-footer">
      <p ref={status} role="status" tabIndex={-1}>
        {list.loading
          ? t('list.loading')
          : count === 0 && !list.error
            ? t('list.empty')
            : count > 0
              ? t(list.nextCursor ? 'list.shown' : 'list.shownAll', { count })
              : ''}
      </p>
      {list.error && (
        <div className="form-errors" role="alert">
          <p>{localized(list.error.localized)}</p>
          <button type="button" className="secondary" onClick={list.nextCursor ? list.more : list.reload}>
            {t('list.retry')}
          </button>
        </div>
      )}
      {list.nextCursor && !list.error && (
        <button
          ref={button}
          type="button"
          className="secondary"
          disabled={list.loading}
          onClick={() => {
            hadFocus.current = document.activeElement === button.current;
            list.more();
          }}
        >
          {t('list.more')}
        </button>
      )}
    </div>
  );
}

/** A name filter: applied on submit, so a slow connection is not flooded with a request per key. */
export function FilterForm(props: { id: string; label: string; value: string; onApply(q: string): void }) {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onApply(draft.trim());
  };
  return (
    <form className="filter" role="search" onSubmit={submit}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="filter-row">
        <input id={props.id} type="search" value={draft} maxLength={100} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">{t('list.filter')}</button>
        {props.value && (
          <button type="button" className="secondary" onClick={() => props.onApply('')}>
            {t('list.clearFilter')}
          </button>
        )}
      </div>
    </form>
  );
}

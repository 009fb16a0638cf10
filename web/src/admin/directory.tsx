import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../i18n.js';
import { api, ApiError, isAbort, type Agency, type Me, type Page } from '../api.js';

const PAGE = 200;
const MAX_PAGES = 25;

/**
 * All agencies (public directory), for the agency pickers of the forms. A province has a few
 * hundred agencies at most, so reading them once per visit of the administration page is cheap.
 */
export function useAgencyDirectory(): { agencies: Agency[]; loaded: boolean; error: ApiError | null; reload(): void } {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    (async () => {
      const all: Agency[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page: Page<Agency> = await api.get<Page<Agency>>('/api/v1/agencies', { limit: PAGE, cursor }, ctl.signal);
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      setAgencies(all);
      setLoaded(true);
      setError(null);
    })().catch((err: unknown) => {
      if (!isAbort(err)) setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }));
    });
    return () => ctl.abort();
  }, [generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { agencies, loaded, error, reload };
}

/** The agencies the user administers: where they hold the admin role, and everything below (as the server decides). */
export function adminScope(agencies: Agency[], me: Me): Agency[] {
  const roots = me.roles.filter((r) => r.role === 'admin').map((r) => r.agencyCode);
  const children = new Map<string, Agency[]>();
  for (const a of agencies) {
    if (a.parentCode === null) continue;
    const list = children.get(a.parentCode) ?? [];
    list.push(a);
    children.set(a.parentCode, list);
  }
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    for (const c of children.get(code) ?? []) queue.push(c.code);
  }
  return [...seen]
    .map((c) => byCode.get(c))
    .filter((a): a is Agency => a !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
}

export type Directory = ReturnType<typeof useAgencyDirectory>;

/** Shown while the agency pickers of a form are not ready yet (or could not be read). */
export function DirectoryPending({ directory }: { directory: Directory }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  if (!directory.error) return <p role="status">{t('list.loading')}</p>;
  return (
    <div className="form-errors" role="alert">
      <p>{localized(directory.error.localized)}</p>
      <button type="button" className="secondary" onClick={directory.reload}>
        {t('list.retry')}
      </button>
    </div>
  );
}

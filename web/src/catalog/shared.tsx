/** Small pieces shared by the catalog's pages. */
import { useEffect, useState } from 'react';
import { api, type Agency, type Page } from '../api.js';
import type { Lang } from '../i18n.js';
import { useCatalogT } from './i18n.js';
import { ONLINE_LEVELS, isOneOf } from './types.js';

/** The online service level as a badge: a word, with a border that differs per level (never colour alone). */
export function OnlineBadge({ level }: { level: string }) {
  const { t } = useCatalogT();
  if (!isOneOf(ONLINE_LEVELS, level)) return null;
  return <span className={`cat-badge cat-online-${level}`}>{t(`labels.online.${level}`)}</span>;
}

/**
 * A text that comes in Vietnamese only (from the published procedure): marked lang="vi" when the
 * interface is in English, so that screen readers read it with the right voice.
 */
export function ViText({ text, lang, as: Tag = 'span' }: { text: string; lang: Lang; as?: 'span' | 'p' | 'div' }) {
  return <Tag lang={lang === 'vi' ? undefined : 'vi'}>{text}</Tag>;
}

/** A long published text (steps, requirements): one paragraph per line. */
export function LongText({ text, lang }: { text: string; lang: Lang }) {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className="cat-longtext" lang={lang === 'vi' ? undefined : 'vi'}>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

/** The column name written in a cell of a `cat-stack` table, seen on phones only (screen readers have the header). */
export function CellLabel({ text }: { text: string }) {
  return (
    <span className="cat-cell-label" aria-hidden="true">
      {text}:{' '}
    </span>
  );
}

const PAGE = 200;

/** The public agency directory (a province has a few hundred agencies at most), read once when needed. */
export function useAgencies(enabled: boolean): Agency[] | null {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  useEffect(() => {
    if (!enabled || agencies) return;
    const ctl = new AbortController();
    (async () => {
      const all: Agency[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 25; i++) {
        const page: Page<Agency> = await api.get<Page<Agency>>('/api/v1/agencies', { limit: PAGE, cursor }, ctl.signal);
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      setAgencies(all);
    })().catch(() => undefined);
    return () => ctl.abort();
  }, [enabled, agencies]);
  return agencies;
}

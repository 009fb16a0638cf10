import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { type Lang } from '../i18n.js';
import { catalogEn, catalogVi, type CatalogMessages } from './locales.js';
import type { ControlMessages } from './control-locales.js';

/**
 * The catalog's texts live in their own i18next namespace, `catalog`. The app's i18next types list
 * the namespaces it knows (common, admin); rather than widen them from here, this module gives the
 * catalog's screens a `t` typed on the catalog's own keys.
 */
export const NS = 'catalog';

type Plural = `_${'one' | 'other'}`;
type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];
/** `search.foundAll_one` and `search.foundAll_other` are asked for as `search.foundAll` with a count. */
type WithoutPlural<K extends string> = K extends `${infer B}${Plural}` ? B : K;

export type CatalogKey = WithoutPlural<Leaves<CatalogMessages & ControlMessages>>;
export type CatalogT = (key: CatalogKey, options?: Record<string, string | number>) => string;

/** Adds texts to the namespace (deep merge), for the citizen texts here and the officers' chunk. */
export function addCatalogTexts(vi: object, en: object): void {
  i18n.addResourceBundle('vi', NS, vi, true, true);
  i18n.addResourceBundle('en', NS, en, true, true);
}

addCatalogTexts(catalogVi, catalogEn);

/** The catalog's `t`, re-rendering on a language switch, and the current language. */
export function useCatalogT(): { t: CatalogT; lang: Lang } {
  // The namespace is not in the app's i18next types (see above): ask for it under the default's name.
  const { t: raw, i18n: instance } = useTranslation(NS as 'common');
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  const t = useMemo<CatalogT>(() => {
    const untyped = raw as unknown as (key: string, options?: Record<string, string | number>) => string;
    return (key, options) => untyped(key, options);
  }, [raw]);
  return { t, lang };
}

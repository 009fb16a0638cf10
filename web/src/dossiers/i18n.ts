import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { type Lang } from '../i18n.js';
import { dossiersEn, dossiersVi, type DossiersMessages } from './locales.js';

type Plural = `_${'one' | 'other'}`;
type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer B}${Plural}` ? B : K;

/** The keys of a message tree, as `t` takes them (`apply.title`; plurals without their suffix). */
export type KeyOf<M> = WithoutPlural<Leaves<M>>;
export type TypedT<M> = (key: KeyOf<M>, options?: Record<string, string | number>) => string;

/**
 * A `t` typed on one namespace's own message tree. The app's i18next types list only the namespaces
 * of the shell (see catalog/i18n.ts for the same choice): each feature registers its texts with
 * `addResourceBundle` and reads them through this hook.
 */
export function useNamespaceT<M>(ns: string): { t: TypedT<M>; lang: Lang } {
  const { t: raw, i18n: instance } = useTranslation(ns as 'common');
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  const t = useMemo<TypedT<M>>(() => {
    const untyped = raw as unknown as (key: string, options?: Record<string, string | number>) => string;
    return (key, options) => untyped(key, options);
  }, [raw]);
  return { t, lang };
}

export function addTexts(ns: string, vi: object, en: object): void {
  i18n.addResourceBundle('vi', ns, vi, true, true);
  i18n.addResourceBundle('en', ns, en, true, true);
}

export const DOSSIERS_NS = 'dossiers';
addTexts(DOSSIERS_NS, dossiersVi, dossiersEn);

export type DossiersT = TypedT<DossiersMessages>;
export const useDossiersT = () => useNamespaceT<DossiersMessages>(DOSSIERS_NS);

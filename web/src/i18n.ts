import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Localized } from './api.js';
import { en, vi, type Messages } from './locales.js';
import type { AdminMessages } from './admin/locales.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: Messages; admin: AdminMessages };
  }
}

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'motcua.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { common: vi }, en: { common: en } },
  lng: storedLang(),
  fallbackLng: 'vi',
  supportedLngs: ['vi', 'en'],
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false, // resources are bundled: ready before the first render
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Picks the current language's text of a `{ vi, en }` pair from the API; re-renders on a switch. */
export function useLocalized(): (text: Localized) => string {
  const { i18n: instance } = useTranslation();
  const lang = instance.language === 'en' ? 'en' : 'vi';
  return (text) => text[lang];
}

export default i18n;

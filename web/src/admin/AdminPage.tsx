import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Me } from '../api.js';
import i18n from '../i18n.js';
import { adminEn, adminVi } from './locales.js';
import { useAgencyDirectory } from './directory.js';
import { UnitsTab } from './UnitsTab.js';
import { AgenciesTab } from './AgenciesTab.js';
import { OfficersTab } from './OfficersTab.js';

// This chunk brings its own texts.
i18n.addResourceBundle('vi', 'admin', adminVi);
i18n.addResourceBundle('en', 'admin', adminEn);

// The working calendar is a chunk of its own (month view, schedule editor, deadline calculator, texts).
const CalendarTab = lazy(() => import('./CalendarTab.js'));

const TABS = [
  { slug: 'don-vi', label: 'tabs.units' },
  { slug: 'co-quan', label: 'tabs.agencies' },
  { slug: 'can-bo', label: 'tabs.officers' },
  { slug: 'lich', label: 'tabs.calendar' },
] as const;
type Slug = (typeof TABS)[number]['slug'];

/** Administration: tabs (WAI-ARIA tabs pattern), the selected one kept in the address as ?tab=. */
export default function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const directory = useAgencyDirectory();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected: Slug = TABS.find((x) => x.slug === params.get('tab'))?.slug ?? 'don-vi';
  const index = TABS.findIndex((x) => x.slug === selected);

  const select = (i: number, focus: boolean) => {
    const tab = TABS[(i + TABS.length) % TABS.length]!;
    setParams({ tab: tab.slug }, { replace: true });
    if (focus) tabRefs.current[TABS.indexOf(tab)]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(to, true);
  };

  return (
    <div className="admin">
      <div className="tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
        {TABS.map((tab, i) => (
          <button
            key={tab.slug}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.slug}`}
            aria-selected={tab.slug === selected}
            aria-controls={tab.slug === selected ? `panel-${tab.slug}` : undefined}
            tabIndex={tab.slug === selected ? 0 : -1}
            onClick={() => select(i, false)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`}>
        {selected === 'don-vi' && <UnitsTab />}
        {selected === 'co-quan' && <AgenciesTab me={me} directory={directory} />}
        {selected === 'can-bo' && <OfficersTab me={me} directory={directory} />}
        {selected === 'lich' && (
          <Suspense fallback={<p role="status">{t('list.loading')}</p>}>
            <CalendarTab me={me} directory={directory} />
          </Suspense>
        )}
      </div>
    </div>
  );
}

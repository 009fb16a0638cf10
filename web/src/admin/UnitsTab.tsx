import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../api.js';
import { FilterForm, ListFooter, usePagedList } from './list.js';
import { useFocusOnMount } from './forms.js';

/** Browse the 2025 administrative units: provinces, then the communes of one province. */
export function UnitsTab() {
  const { t } = useTranslation('admin');
  const [province, setProvince] = useState<Unit | null>(null);
  const [q, setQ] = useState('');
  const list = usePagedList<Unit>(
    '/api/v1/units',
    province ? { structure: '2025', parent: province.code, level: 'commune', q, limit: 50 } : { structure: '2025', level: 'province', q, limit: 50 },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const open = (p: Unit | null) => {
    setQ('');
    setProvince(p);
    if (!p) heading.current?.focus();
  };
  const caption = province ? t('units.communesOf', { name: fullName(province) }) : t('units.provinces');

  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading" ref={heading} tabIndex={-1}>{t('units.heading')}</h2>
      {province && <BackButton label={t('units.back')} onClick={() => open(null)} key={province.code} />}
      <FilterForm id="units-q" label={t('units.filterLabel')} value={q} onApply={setQ} />
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('units.code')}</th>
              <th scope="col">{t('units.name')}</th>
              <th scope="col">{t('units.type')}</th>
              {!province && <th scope="col">{t('list.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.code}>
                <td>
                  <code>{u.code}</code>
                </td>
                <td lang="vi">{u.name}</td>
                <td lang="vi">{u.unitType}</td>
                {!province && (
                  <td>
                    <button type="button" className="link-button" onClick={() => open(u)}>
                      {t('units.showCommunes')}
                      <span className="visually-hidden"> — {u.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} />
    </section>
  );
}

/** "Tỉnh Cao Bằng", "Thành phố Hà Nội": some names carry their type already. */
function fullName(u: Unit): string {
  return u.name.toLowerCase().startsWith(u.unitType.toLowerCase()) ? u.name : `${u.unitType} ${u.name}`;
}

/** Appears when a province is opened, and takes focus so keyboard users land in the new list. */
function BackButton({ label, onClick }: { label: string; onClick(): void }) {
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <p>
      <button ref={ref} type="button" className="secondary" onClick={onClick}>
        ← {label}
      </button>
    </p>
  );
}

/** What the app shell shows of the catalog: the navigation links and the home page's search box. */
import { useState, type FormEvent } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useSession, type SessionState } from '../session.js';
import { useCatalogT } from './i18n.js';

export function hasProcedureControl(session: SessionState): session is Extract<SessionState, { status: 'signed-in' }> {
  return session.status === 'signed-in' && session.me.roles.some((r) => r.role === 'procedure_control');
}

/** "Thủ tục hành chính" for everyone, "Kiểm soát thủ tục" for procedure-control officers. */
export function CatalogNavLinks() {
  const { t } = useCatalogT();
  const { session } = useSession();
  return (
    <>
      <li>
        <NavLink to="/thu-tuc">{t('nav.procedures')}</NavLink>
      </li>
      {hasProcedureControl(session) && (
        <li>
          <NavLink to="/kiem-soat-tthc">{t('nav.control')}</NavLink>
        </li>
      )}
    </>
  );
}

/** A search box that opens the search page with the query (?q=…). */
export function HomeSearch() {
  const { t } = useCatalogT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    void navigate(query ? `/thu-tuc?q=${encodeURIComponent(query)}` : '/thu-tuc');
  };
  return (
    <section aria-labelledby="home-search-heading" className="cat-home-search">
      <h2 id="home-search-heading">{t('home.searchHeading')}</h2>
      <form role="search" onSubmit={submit} action="/thu-tuc">
        <label htmlFor="home-q">{t('home.searchLabel')}</label>
        <p className="hint" id="home-q-hint">
          {t('home.searchHint')}
        </p>
        <div className="cat-search-row">
          <input id="home-q" type="search" name="q" value={q} maxLength={200} autoComplete="off" aria-describedby="home-q-hint" onChange={(e) => setQ(e.target.value)} />
          <button type="submit">{t('home.searchButton')}</button>
        </div>
      </form>
      <p>
        <Link to="/thu-tuc">{t('home.browseAll')}</Link>
      </p>
    </section>
  );
}

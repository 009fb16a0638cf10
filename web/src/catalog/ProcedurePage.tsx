import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, isAbort, type Agency } from '../api.js';
import { useLocalized, type Lang } from '../i18n.js';
import { usePageTitle } from '../page.js';
import { formatDate, formatFee, formatProcessingTime, todayInVietnam } from './format.js';
import { useCatalogT, type CatalogT } from './i18n.js';
import { CellLabel, LongText, OnlineBadge, ViText } from './shared.js';
import {
  AGENCY_ROLES,
  APPLICANT_TYPES,
  CHANNELS,
  LEVELS,
  isOneOf,
  type ChannelRow,
  type DossierComponent,
  type ProcedureDetail,
} from './types.js';
import './catalog.css';
import { FileOnlineLink } from '../dossiers/shell.js';

type State = { kind: 'loading' } | { kind: 'ok'; p: ProcedureDetail } | { kind: 'not-found' } | { kind: 'error'; error: ApiError };

/** The public page of one procedure, in plain words, printable. */
export function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, lang } = useCatalogT();
  const localized = useLocalized();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ kind: 'loading' });
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, undefined, ctl.signal)
      .then((p) => setState({ kind: 'ok', p }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        // A code of the wrong form (400) is as absent as an unknown one.
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setState({ kind: 'not-found' });
        else setState({ kind: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }) });
      });
    return () => ctl.abort();
  }, [code]);

  // The layout focused the heading while it said "loading": focus it again so its new text is read.
  useEffect(() => {
    const h = heading.current;
    if (state.kind !== 'loading' && h && document.activeElement === h) {
      h.blur();
      h.focus();
    }
  }, [state.kind]);

  const title =
    state.kind === 'ok' ? state.p.name : state.kind === 'not-found' ? t('procedure.notFoundTitle') : state.kind === 'error' ? t('procedure.errorTitle') : t('procedure.loading');
  usePageTitle(title);

  return (
    <div className="page cat-procedure">
      <p className="cat-no-print cat-back">
        <Link to="/thu-tuc">{t('procedure.back')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1} lang={state.kind === 'ok' && lang !== 'vi' ? 'vi' : undefined}>
        {title}
      </h1>
      {state.kind === 'loading' && <p role="status">{t('procedure.loading')}</p>}
      {state.kind === 'not-found' && (
        <div className="panel">
          <p>{t('procedure.notFoundText', { code })}</p>
          <p>
            <Link to="/thu-tuc">{t('procedure.notFoundSearch')}</Link>
          </p>
        </div>
      )}
      {state.kind === 'error' && (
        <div className="form-errors" role="alert">
          <p>{localized(state.error.localized)}</p>
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            {t('search.retry')}
          </button>
        </div>
      )}
      {state.kind === 'ok' && <ProcedureBody p={state.p} t={t} lang={lang} />}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="cat-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function ProcedureBody({ p, t, lang }: { p: ProcedureDetail; t: CatalogT; lang: Lang }) {
  const levels = p.levels.filter((l) => isOneOf(LEVELS, l)).map((l) => t(`labels.levels.${l}`));
  const applicants = p.applicantTypes.filter((a) => isOneOf(APPLICANT_TYPES, a)).map((a) => t(`labels.applicants.${a}`));
  const date = (d: string) => formatDate(d, lang);

  return (
    <>
      {p.status === 'abolished' && p.effectiveTo && <p className="cat-alert">{t('procedure.abolished', { date: date(p.effectiveTo) })}</p>}
      {p.status !== 'abolished' && p.effectiveFrom && p.effectiveFrom > todayInVietnam() && <p className="cat-alert">{t('procedure.upcoming', { date: date(p.effectiveFrom) })}</p>}
      {p.status !== 'abolished' && p.effectiveTo && <p className="cat-alert">{t('procedure.replaced', { date: date(p.effectiveTo) })}</p>}

      <FileOnlineLink p={p} />

      <Section id="cat-facts" title={t('procedure.facts')}>
        <dl className="facts">
          <div>
            <dt>{t('procedure.code')}</dt>
            <dd>
              <code>{p.code}</code>
            </dd>
          </div>
          {p.field && (
            <div>
              <dt>{t('procedure.field')}</dt>
              <dd>
                <ViText text={p.field} lang={lang} />
              </dd>
            </div>
          )}
          {(levels.length > 0 || p.levelsText) && (
            <div>
              <dt>{t('procedure.levels')}</dt>
              <dd>{levels.length ? levels.join(', ') : <ViText text={p.levelsText ?? ''} lang={lang} />}</dd>
            </div>
          )}
          {(applicants.length > 0 || p.applicantsText) && (
            <div>
              <dt>{t('procedure.applicants')}</dt>
              <dd>
                {applicants.join(', ')}
                {p.applicantsText && p.applicantsText !== applicants.join(', ') && (
                  <ViText as="p" text={p.applicantsText} lang={lang} />
                )}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('procedure.onlineLevel')}</dt>
            <dd>
              <OnlineBadge level={p.onlineLevel} />
            </dd>
          </div>
          {p.decisionNumber && (
            <div>
              <dt>{t('procedure.decision')}</dt>
              <dd>{p.decisionNumber}</dd>
            </div>
          )}
          {p.effectiveFrom && (
            <div>
              <dt>{t('procedure.effectiveFrom')}</dt>
              <dd>{date(p.effectiveFrom)}</dd>
            </div>
          )}
          <div>
            <dt>{t('procedure.version')}</dt>
            <dd>
              {p.versionNumber}
              <span className="cat-no-print">
                {' — '}
                <Link to={`/thu-tuc/${p.code}/phien-ban`}>{t('procedure.versionsLink')}</Link>
              </span>
            </dd>
          </div>
        </dl>
      </Section>

      <Section id="cat-where" title={t('procedure.where')}>
        <Agencies p={p} t={t} lang={lang} />
      </Section>

      <Section id="cat-channels" title={t('procedure.channels')}>
        <Channels rows={p.channels} fallback={p.channelsText} t={t} lang={lang} />
      </Section>

      <Section id="cat-components" title={t('procedure.components')}>
        {p.components.length > 0 ? (
          <Components components={p.components} t={t} lang={lang} />
        ) : p.componentsText ? (
          <LongText text={p.componentsText} lang={lang} />
        ) : (
          <p>{t('procedure.noComponents')}</p>
        )}
      </Section>

      {p.steps && (
        <Section id="cat-steps" title={t('procedure.steps')}>
          <LongText text={p.steps} lang={lang} />
        </Section>
      )}
      {p.requirements && (
        <Section id="cat-requirements" title={t('procedure.requirements')}>
          <LongText text={p.requirements} lang={lang} />
        </Section>
      )}
      {(p.results.length > 0 || p.resultText) && (
        <Section id="cat-results-docs" title={t('procedure.results')}>
          {p.results.length > 0 ? (
            <ul lang={lang === 'vi' ? undefined : 'vi'}>
              {p.results.map((r, i) => (
                <li key={i}>{r.name}</li>
              ))}
            </ul>
          ) : (
            <LongText text={p.resultText ?? ''} lang={lang} />
          )}
        </Section>
      )}
      {(p.legalBases.length > 0 || p.legalBasesText) && (
        <Section id="cat-legal" title={t('procedure.legalBases')}>
          {p.legalBases.length > 0 ? (
            <ul lang={lang === 'vi' ? undefined : 'vi'}>
              {p.legalBases.map((b, i) => (
                <li key={i}>{b.code && !b.title.includes(b.code) ? `${b.code} — ${b.title}` : b.title}</li>
              ))}
            </ul>
          ) : (
            <LongText text={p.legalBasesText ?? ''} lang={lang} />
          )}
        </Section>
      )}

      <footer className="cat-procedure-footer">
        <p>
          {p.decisionNumber && `${t('procedure.publishedBy', { decision: p.decisionNumber })} `}
          {p.effectiveFrom && t('procedure.appliesFrom', { date: date(p.effectiveFrom) })}
        </p>
        <p className="cat-print-only">{window.location.href}</p>
        <p className="cat-no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('procedure.print')}
          </button>
        </p>
      </footer>
    </>
  );
}

/** Where to file and who decides, with the address and phone of the agencies the procedure is linked to. */
function Agencies({ p, t, lang }: { p: ProcedureDetail; t: CatalogT; lang: Lang }) {
  const codes = [...new Set(AGENCY_ROLES.flatMap((r) => p.agencies[r]?.codes ?? []))].slice(0, 12);
  const [byCode, setByCode] = useState<Record<string, Agency>>({});
  const key = codes.join(',');
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    Promise.all(key.split(',').map((c) => api.get<Agency>(`/api/v1/agencies/${encodeURIComponent(c)}`, undefined, ctl.signal).catch(() => null)))
      .then((list) => setByCode(Object.fromEntries(list.filter((a): a is Agency => a !== null).map((a) => [a.code, a]))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [key]);

  const roles = AGENCY_ROLES.filter((r) => p.agencies[r] && (p.agencies[r].text || p.agencies[r].codes.length));
  if (roles.length === 0) return <p>{t('procedure.noAgency')}</p>;
  return (
    <dl className="cat-agencies">
      {roles.map((r) => {
        const ref = p.agencies[r];
        const linked = ref.codes.map((c) => byCode[c]).filter((a): a is Agency => !!a);
        const text = ref.text && !linked.some((a) => a.name === ref.text) ? ref.text : null;
        return (
          <div key={r}>
            <dt>{t(`procedure.agencyRoles.${r}`)}</dt>
            <dd>
              {text && <ViText as="p" text={text} lang={lang} />}
              {linked.map((a) => (
                <div key={a.code} className="cat-agency" lang={lang === 'vi' ? undefined : 'vi'}>
                  <p className="cat-agency-name">{a.name}</p>
                  {a.address && (
                    <p>
                      <span lang={lang}>{t('procedure.address')}:</span> {a.address}
                    </p>
                  )}
                  {a.phone && (
                    <p>
                      <span lang={lang}>{t('procedure.phone')}:</span> <a href={`tel:${a.phone.replace(/[^\d+]/g, '')}`}>{a.phone}</a>
                    </p>
                  )}
                </div>
              ))}
              {!text && linked.length === 0 && ref.codes.map((c) => <code key={c}>{c} </code>)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Channels({ rows, fallback, t, lang }: { rows: ChannelRow[]; fallback: string | null; t: CatalogT; lang: Lang }) {
  if (rows.length === 0) return fallback ? <LongText text={fallback} lang={lang} /> : <p>{t('procedure.noChannels')}</p>;
  return (
    <>
      <p className="hint">{t('procedure.channelsIntro')}</p>
      <div className="cat-channels">
        {CHANNELS.filter((ch) => rows.some((r) => r.channel === ch)).map((ch) => (
          <section key={ch} className="cat-channel" aria-labelledby={`cat-ch-${ch}`}>
            <h3 id={`cat-ch-${ch}`}>{t(`labels.channels.${ch}`)}</h3>
            {rows
              .filter((r) => r.channel === ch)
              .map((r, i) => (
                <ChannelCase key={i} row={r} t={t} lang={lang} />
              ))}
          </section>
        ))}
      </div>
    </>
  );
}

function ChannelCase({ row, t, lang }: { row: ChannelRow; t: CatalogT; lang: Lang }) {
  const fees = row.fees.map((f) => formatFee(f, t, lang));
  const feeTexts = row.fees.map((f) => (f.kind === 'amount' ? f.label : f.text ?? ''));
  const note = row.feeNote && !feeTexts.some((x) => x && row.feeNote!.includes(x)) ? row.feeNote : null;
  const pt = row.processingTime;
  const original = row.processingTimeText && pt && (pt.unitAssumed || pt.alternatives?.length) ? row.processingTimeText : null;
  return (
    <div className="cat-case">
      {row.description && <ViText as="p" text={row.description} lang={lang} />}
      <dl>
        <div>
          <dt>{t('procedure.time')}</dt>
          <dd>
            {pt ? (
              <strong>{formatProcessingTime(pt, t, lang)}</strong>
            ) : row.processingTimeText ? (
              <ViText text={row.processingTimeText} lang={lang} />
            ) : (
              t('procedure.noTime')
            )}
            {pt?.unitAssumed && <span className="cat-small"> {t('procedure.unitAssumed')}</span>}
            {original && (
              <details className="cat-original">
                <summary>{t('procedure.originalText')}</summary>
                <ViText as="p" text={original} lang={lang} />
              </details>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('procedure.fees')}</dt>
          <dd>
            {fees.length === 0 && !note && t('procedure.noFee')}
            {fees.length === 1 && <strong>{fees[0]}</strong>}
            {fees.length > 1 && (
              <ul className="cat-fees">
                {fees.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {note && (
          <div>
            <dt>{t('procedure.feeNote')}</dt>
            <dd>
              <ViText text={note} lang={lang} />
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

function Components({ components, t, lang }: { components: DossierComponent[]; t: CatalogT; lang: Lang }) {
  // Papers listed per case ("Trường hợp …") when the procedure distinguishes cases.
  const groups: { caseName: string | null; items: DossierComponent[] }[] = [];
  for (const c of components) {
    const last = groups[groups.length - 1];
    if (last && last.caseName === c.caseName) last.items.push(c);
    else groups.push({ caseName: c.caseName, items: [c] });
  }
  const count = (n: number | null) =>
    n === null ? (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('procedure.unknown')}</span>
      </>
    ) : (
      n
    );
  const required = (r: boolean | null) => (r === null ? count(null) : r ? t('procedure.yes') : t('procedure.no'));
  // On a phone each row becomes a card with the column names written in (hidden from screen readers,
  // which have the headers); the explicit roles keep it a table for them whatever the display.
  const label = (text: string) => <CellLabel text={text} />;
  return (
    <div className="table-wrap cat-table-wrap">
      <table className="cat-components cat-stack" role="table" aria-labelledby="cat-components-caption">
        <caption id="cat-components-caption">{t('procedure.componentsCaption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t('procedure.colName')}
            </th>
            <th scope="col" role="columnheader" className="cat-num">
              {t('procedure.colOriginals')}
            </th>
            <th scope="col" role="columnheader" className="cat-num">
              {t('procedure.colCopies')}
            </th>
            <th scope="col" role="columnheader">
              {t('procedure.colRequired')}
            </th>
            <th scope="col" role="columnheader">
              {t('procedure.colTemplates')}
            </th>
          </tr>
        </thead>
        {groups.map((g, gi) => (
          <tbody key={gi} role="rowgroup">
            {g.caseName && (
              <tr role="row" className="cat-case-row">
                <th scope="colgroup" role="columnheader" colSpan={5} lang={lang === 'vi' ? undefined : 'vi'}>
                  {g.caseName}
                </th>
              </tr>
            )}
            {g.items.map((c, i) => (
              <tr key={i} role="row">
                <th scope="row" role="rowheader" className="cat-doc-name">
                  <ViText text={c.name} lang={lang} />
                  {c.replaceableByData && (
                    <span className="cat-small">
                      {c.dataSource ? t('procedure.replaceableFrom', { source: c.dataSource }) : t('procedure.replaceable')}
                    </span>
                  )}
                </th>
                <td role="cell" className="cat-num">
                  {label(t('procedure.colOriginals'))}
                  {count(c.originals)}
                </td>
                <td role="cell" className="cat-num">
                  {label(t('procedure.colCopies'))}
                  {count(c.copies)}
                </td>
                <td role="cell">
                  {label(t('procedure.colRequired'))}
                  {required(c.required)}
                </td>
                <td role="cell">
                  {label(t('procedure.colTemplates'))}
                  {c.templates.length === 0
                    ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('procedure.noTemplate')}</span>
                      </>
                    )
                    : c.templates.map((tpl, k) => (
                        <span key={k} className="cat-template" lang={lang === 'vi' ? undefined : 'vi'}>
                          {tpl.url && /^https?:\/\//.test(tpl.url) ? <a href={tpl.url}>{tpl.name}</a> : tpl.name}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, isAbort } from '../api.js';
import { useLocalized, type Lang } from '../i18n.js';
import { controlEn, controlVi } from './control-locales.js';
import { formatDate, formatDuration, formatFee, formatProcessingTime } from './format.js';
import { addCatalogTexts, useCatalogT, type CatalogT } from './i18n.js';
import { LongText } from './shared.js';
import { AGENCY_ROLES, APPLICANT_TYPES, LEVELS, ONLINE_LEVELS, isOneOf, type ProcedureData, type ProcedureVersion, type ProcedureVersions } from './types.js';
import './catalog.css';

addCatalogTexts(controlVi, controlEn);

/** The fields compared, in reading order; others appear after them when they differ. */
const FIELDS = [
  'name',
  'field',
  'type',
  'levels',
  'applicantTypes',
  'onlineLevel',
  'agencies',
  'channels',
  'components',
  'steps',
  'requirements',
  'legalBases',
  'results',
  'decisionNumber',
  'formSchema',
  'workflow',
] as const;
const OTHER_FIELDS = ['levelsText', 'applicantsText', 'channelsText', 'componentsText', 'legalBasesText', 'resultText', 'relatedText', 'source', 'problems'] as const;
type FieldName = (typeof FIELDS)[number] | (typeof OTHER_FIELDS)[number];

/** JSON with sorted keys, so that two equal values always read the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const isAgencyRefs = (v: unknown): v is Record<string, { text: string | null; codes: string[] }> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && 'competent' in v;

type State = { kind: 'loading' } | { kind: 'ok'; data: ProcedureVersions } | { kind: 'not-found' } | { kind: 'error'; error: ApiError };

/** Two versions of a procedure side by side, the fields that differ marked in words and by a border. */
export default function VersionsPage({ code, officer }: { code: string; officer: boolean }) {
  const { t, lang } = useCatalogT();
  const localized = useLocalized();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [params, setParams] = useSearchParams();
  const [onlyChanged, setOnlyChanged] = useState(false);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ kind: 'loading' });
    api
      .get<ProcedureVersions>(`/api/v1/procedures/${encodeURIComponent(code)}/versions`, undefined, ctl.signal)
      .then((data) => setState({ kind: 'ok', data }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setState({ kind: 'not-found' });
        else setState({ kind: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }) });
      });
    return () => ctl.abort();
  }, [code]);

  const versions = state.kind === 'ok' ? state.data.versions : [];
  const pick = (name: 'a' | 'b', fallback: ProcedureVersion | undefined) => {
    const n = Number(params.get(name));
    return versions.find((v) => v.number === n) ?? fallback;
  };
  const left = pick('a', versions[versions.length - 2] ?? versions[0]);
  const right = pick('b', versions[versions.length - 1]);
  const setPick = (name: 'a' | 'b', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(() => {
    if (!left || !right) return [];
    const differs = (f: FieldName) => canonical(left.data[f]) !== canonical(right.data[f]);
    const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isAgencyRefs(v) && Object.values(v).every((r) => !r.text && r.codes.length === 0));
    // A field empty in both versions says nothing: left out.
    const main = FIELDS.filter((f) => differs(f) || !(isEmpty(left.data[f]) && isEmpty(right.data[f]))).map((f) => ({ field: f as FieldName, changed: differs(f) }));
    const others = OTHER_FIELDS.filter(differs).map((f) => ({ field: f as FieldName, changed: true }));
    return [...main, ...others];
  }, [left, right]);

  if (state.kind === 'loading') return <p role="status">{t('control.loading')}</p>;
  if (state.kind === 'not-found') return <p className="panel">{t('versions.notFound')}</p>;
  if (state.kind === 'error') {
    return (
      <div className="form-errors" role="alert">
        <p>{localized(state.error.localized)}</p>
      </div>
    );
  }
  if (!left || !right) return null;
  const changed = rows.filter((r) => r.changed);
  const shown = onlyChanged ? changed : rows;
  const single = versions.length === 1;
  const fieldLabel = (f: FieldName) => t(`versions.fields.${f}`);

  return (
    <div className="cmp">
      <p className="cmp-name" lang={lang === 'vi' ? undefined : 'vi'}>
        {right.data.name}
      </p>
      <p className="actions">
        {state.data.status !== 'draft' && <Link to={`/thu-tuc/${code}`}>{t('versions.publicPage')}</Link>}
        {officer && <Link to={`/kiem-soat-tthc?ma=${encodeURIComponent(code)}`}>{t('versions.controlPage')}</Link>}
      </p>

      {single ? (
        <p>{t('versions.onlyOne')}</p>
      ) : (
        <div className="cmp-pickers">
          {(['a', 'b'] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`cmp-${name}`}>{t(name === 'a' ? 'versions.pickLeft' : 'versions.pickRight')}</label>
              <select id={`cmp-${name}`} value={(name === 'a' ? left : right).number} onChange={(e) => setPick(name, e.target.value)}>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {t('versions.option', { n: v.number, status: t(`labels.versionStatus.${v.status}`) })}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      )}

      <section aria-label={single ? t('versions.column', { n: right.number }) : t('versions.compared', { a: left.number, b: right.number })}>
        <div className={single ? 'cmp-head cmp-single' : 'cmp-head'}>
          {(single ? [right] : [left, right]).map((v, i) => (
            <VersionHead key={i} v={v} t={t} lang={lang} />
          ))}
        </div>

        {!single && (
          <div className="cmp-summary" role="status">
            {changed.length === 0 ? (
              <p>{t('versions.same')}</p>
            ) : (
              <>
                <p>{t('versions.differences', { count: changed.length })}</p>
                <ul>
                  {changed.map((r) => (
                    <li key={r.field}>
                      <a href={`#cmp-${r.field}`}>{fieldLabel(r.field)}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {!single && changed.length > 0 && (
          <div className="field checkbox">
            <input id="cmp-only" type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
            <label htmlFor="cmp-only">{t('versions.onlyChanged')}</label>
          </div>
        )}

        {shown.map((r) => (
          <section key={r.field} id={`cmp-${r.field}`} className={r.changed && !single ? 'cmp-row cmp-changed' : 'cmp-row'} aria-labelledby={`cmp-h-${r.field}`} tabIndex={-1}>
            <h2 id={`cmp-h-${r.field}`}>
              {fieldLabel(r.field)}
              {!single && (
                <>
                  {' '}
                  <span className={r.changed ? 'cmp-badge' : 'cmp-same'}>{r.changed ? t('versions.changed') : t('versions.unchanged')}</span>
                </>
              )}
            </h2>
            <div className={single ? 'cmp-cols cmp-single' : r.changed ? 'cmp-cols' : 'cmp-cols cmp-unchanged'}>
              {(single ? [right] : [left, right]).map((v, i) => (
                <div key={i} className="cmp-col">
                  <p className="cmp-col-label">
                    {/* On a phone an unchanged field is shown once, for both versions. */}
                    {!single && !r.changed && i === 1 ? (
                      <>
                        <span className="cmp-wide">{t('versions.column', { n: v.number })}</span>
                        <span className="cmp-narrow">{t('versions.both', { a: left.number, b: right.number })}</span>
                      </>
                    ) : (
                      t('versions.column', { n: v.number })
                    )}
                  </p>
                  <Value field={r.field} data={v.data} t={t} lang={lang} />
                </div>
              ))}
            </div>
          </section>
        ))}
      </section>
    </div>
  );
}

function VersionHead({ v, t, lang }: { v: ProcedureVersion; t: CatalogT; lang: Lang }) {
  return (
    <div className="cmp-version">
      <p className="cmp-version-title">
        {t('versions.column', { n: v.number })} <span className={`cat-status cat-status-${v.status}`}>{t(`labels.versionStatus.${v.status}`)}</span>
      </p>
      <p>{v.effectiveFrom ? t('versions.effective', { date: formatDate(v.effectiveFrom, lang) }) : t('versions.notPublished')}</p>
      {v.effectiveTo && <p>{t('versions.effectiveTo', { date: formatDate(v.effectiveTo, lang) })}</p>}
      {v.decisionNumber && <p>{t('versions.decision', { decision: v.decisionNumber })}</p>}
    </div>
  );
}

function Value({ field, data, t, lang }: { field: FieldName; data: ProcedureData; t: CatalogT; lang: Lang }): ReactNode {
  const empty = <p className="cmp-empty">{t('versions.empty')}</p>;
  const vi = lang === 'vi' ? undefined : 'vi';
  const list = (items: ReactNode[]) => (items.length ? <ul lang={vi}>{items.map((x, i) => <li key={i}>{x}</li>)}</ul> : empty);
  switch (field) {
    case 'levels':
      return list(data.levels.filter((l) => isOneOf(LEVELS, l)).map((l) => <span lang={lang}>{t(`labels.levels.${l}`)}</span>));
    case 'applicantTypes':
      return list(data.applicantTypes.filter((a) => isOneOf(APPLICANT_TYPES, a)).map((a) => <span lang={lang}>{t(`labels.applicants.${a}`)}</span>));
    case 'onlineLevel':
      return isOneOf(ONLINE_LEVELS, data.onlineLevel) ? <p>{t(`labels.online.${data.onlineLevel}`)}</p> : empty;
    case 'agencies':
      return list(
        AGENCY_ROLES.filter((r) => data.agencies[r]?.text || data.agencies[r]?.codes.length).map((r) => (
          <>
            <span lang={lang}>{t(`procedure.agencyRoles.${r}`)}:</span> {[data.agencies[r].text, ...data.agencies[r].codes].filter(Boolean).join(' — ')}
          </>
        )),
      );
    case 'channels':
      return list(
        data.channels.map((c) => (
          <>
            <strong lang={lang}>{t(`labels.channels.${c.channel}`)}</strong>
            {c.description && <> ({c.description})</>}:{' '}
            <span lang={lang}>{c.processingTime ? formatProcessingTime(c.processingTime, t, lang) : t('procedure.noTime')}</span>
            {'; '}
            <span lang={lang}>{c.fees.length ? c.fees.map((f) => formatFee(f, t, lang)).join('; ') : t('procedure.noFee')}</span>
          </>
        )),
      );
    case 'components':
      return list(
        data.components.map((c) => (
          <>
            {c.name}{' '}
            <span lang={lang}>
              ({t('procedure.colOriginals')}: {c.originals ?? '—'}; {t('procedure.colCopies')}: {c.copies ?? '—'}; {t('procedure.colRequired')}:{' '}
              {c.required === null ? '—' : c.required ? t('procedure.yes') : t('procedure.no')})
            </span>
            {c.templates.length > 0 && <> — {c.templates.map((x) => x.name).join(', ')}</>}
          </>
        )),
      );
    case 'legalBases':
      return list(data.legalBases.map((b) => (b.code && !b.title.includes(b.code) ? `${b.code} — ${b.title}` : b.title)));
    case 'results':
      return list(data.results.map((r) => r.name));
    case 'workflow':
      return list(
        (data.workflow as { name?: string; budget?: { unit: 'working_days' | 'working_hours' | 'calendar_days'; value: number } }[]).map((s) =>
          t('versions.step', { name: s.name ?? '', budget: s.budget ? formatDuration(s.budget, t, lang) : '' }),
        ),
      );
    case 'formSchema':
    case 'source':
    case 'problems': {
      const v = data[field];
      if (v === null || (Array.isArray(v) && v.length === 0)) return empty;
      return <pre className="cmp-json">{JSON.stringify(v, null, 2)}</pre>;
    }
    default: {
      const v = data[field];
      return v ? <LongText text={String(v)} lang={lang} /> : empty;
    }
  }
}

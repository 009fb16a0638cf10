import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort, type Agency, type Me } from '../api.js';
import { useLocalized } from '../i18n.js';
import { adminScope, DirectoryPending, type Directory } from './directory.js';
import { Field, FormErrors, SubmitButton, useFieldError, useFocusOnMount, useSubmission } from './forms.js';
import { FilterForm, ListFooter, usePagedList } from './list.js';

type Mode = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; code: string };

const AGENCY_KINDS = ['ministry', 'provincial_pc', 'department', 'pas_centre', 'commune_pc', 'one_stop_section', 'other'] as const;
type AgencyKind = (typeof AGENCY_KINDS)[number];

function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation('admin');
  return (kind) => {
    const known = AGENCY_KINDS.find((k) => k === kind);
    return known ? t(`agencies.kinds.${known}`) : kind;
  };
}

/** Agencies: the directory, adding an agency under one the user administers, and editing one. */
export function AgenciesTab({ me, directory }: { me: Me; directory: Directory }) {
  const { t } = useTranslation('admin');
  const kindLabel = useKindLabel();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList<Agency>('/api/v1/agencies', { q, limit: 50 });
  const scope = useMemo(() => adminScope(directory.agencies, me), [directory.agencies, me]);
  const inScope = useMemo(() => new Set(scope.map((a) => a.code)), [scope]);

  // Where focus goes back to when a form closes.
  const addButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const refocus = useRef<'notice' | 'add' | null>(null);
  useEffect(() => {
    if (mode.kind !== 'list' || !refocus.current) return;
    (refocus.current === 'notice' ? noticeRef : addButton).current?.focus();
    refocus.current = null;
  }, [mode]);

  const close = (message: string | null) => {
    refocus.current = message ? 'notice' : 'add';
    if (message) {
      setNotice(message);
      list.reload();
      directory.reload();
    }
    setMode({ kind: 'list' });
  };

  if (mode.kind === 'create' && !directory.loaded) return <DirectoryPending directory={directory} />;
  if (mode.kind === 'create') return <AgencyCreateForm scope={scope} onClose={close} />;
  if (mode.kind === 'edit') return <AgencyEditForm code={mode.code} onClose={close} />;

  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">{t('agencies.heading')}</h2>
      <p ref={noticeRef} role="status" tabIndex={-1} className={notice ? 'notice' : 'notice-empty'}>
        {notice}
      </p>
      <p>
        <button
          ref={addButton}
          type="button"
          onClick={() => {
            setNotice('');
            setMode({ kind: 'create' });
          }}
        >
          {t('agencies.add')}
        </button>
      </p>
      <FilterForm id="agencies-q" label={t('agencies.filterLabel')} value={q} onApply={setQ} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('agencies.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agencies.code')}</th>
              <th scope="col">{t('agencies.name')}</th>
              <th scope="col">{t('agencies.kind')}</th>
              <th scope="col">{t('agencies.parent')}</th>
              <th scope="col">{t('agencies.status')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr key={a.code}>
                <td>
                  <code>{a.code}</code>
                </td>
                <td lang="vi">{a.name}</td>
                <td>{kindLabel(a.kind)}</td>
                <td>{a.parentCode && <code>{a.parentCode}</code>}</td>
                <td>{a.active ? t('agencies.statusActive') : t('agencies.statusInactive')}</td>
                <td>
                  {inScope.has(a.code) && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setNotice('');
                        setMode({ kind: 'edit', code: a.code });
                      }}
                    >
                      {t('agencies.edit')}
                      <span className="visually-hidden"> {a.code}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} />
    </section>
  );
}

const optional = (v: string) => v.trim() || null;

function AgencyCreateForm({ scope, onClose }: { scope: Agency[]; onClose(message: string | null): void }) {
  const { t } = useTranslation('admin');
  const kindLabel = useKindLabel();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [f, setF] = useState({
    code: '',
    name: '',
    kind: 'department' as AgencyKind,
    parentCode: scope[0]?.code ?? '',
    unitCode: '',
    address: '',
    phone: '',
    email: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      code: f.code.trim(),
      name: f.name.trim(),
      kind: f.kind,
      parentCode: f.parentCode,
      ...(f.unitCode.trim() ? { unit: { structure: '2025', code: f.unitCode.trim() } } : {}),
      ...(optional(f.address) ? { address: optional(f.address) } : {}),
      ...(optional(f.phone) ? { phone: optional(f.phone) } : {}),
      ...(optional(f.email) ? { email: optional(f.email) } : {}),
    };
    const created = await submission.run(body, (idempotencyKey) => api.post<Agency>('/api/v1/agencies', body, { idempotencyKey }));
    if (created) onClose(t('agencies.created', { code: created.code }));
  };

  const fields: Record<string, [string, string]> = {
    'body.code': ['agency-code', t('agencies.code')],
    'body.name': ['agency-name', t('agencies.name')],
    'body.kind': ['agency-kind', t('agencies.kind')],
    'body.parentCode': ['agency-parent', t('agencies.parent')],
    'body.unit.code': ['agency-unit', t('agencies.unitCode')],
    'body.address': ['agency-address', t('agencies.address')],
    'body.phone': ['agency-phone', t('agencies.phone')],
    'body.email': ['agency-email', t('agencies.email')],
  };

  return (
    <section aria-labelledby="agency-form-heading">
      <h2 id="agency-form-heading" ref={heading} tabIndex={-1}>
        {t('agencies.createHeading')}
      </h2>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields} note={<p>{t('form.retryNote')}</p>} />
        <Field id="agency-parent" label={t('agencies.parent')} error={fieldError('body.parentCode')} hint={scope.length ? undefined : t('agencies.noScope')}>
          {(a) => (
            <select {...a} value={f.parentCode} onChange={set('parentCode')} required>
              {scope.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} — {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="agency-code" label={t('agencies.code')} hint={t('agencies.codeHint')} error={fieldError('body.code')}>
          {(a) => (
            <input
              {...a}
              value={f.code}
              onChange={(e) => setF((prev) => ({ ...prev, code: e.target.value.toUpperCase() }))}
              required
              maxLength={35}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              placeholder={f.parentCode ? `${f.parentCode}.` : undefined}
            />
          )}
        </Field>
        <Field id="agency-name" label={t('agencies.name')} error={fieldError('body.name')}>
          {(a) => <input {...a} value={f.name} onChange={set('name')} required maxLength={300} />}
        </Field>
        <Field id="agency-kind" label={t('agencies.kind')} error={fieldError('body.kind')}>
          {(a) => (
            <select {...a} value={f.kind} onChange={set('kind')} required>
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="agency-unit" label={t('agencies.unitCode')} hint={t('agencies.unitHint')} error={fieldError('body.unit.code') ?? fieldError('body.unit')} optional>
          {(a) => <input {...a} value={f.unitCode} onChange={set('unitCode')} inputMode="numeric" maxLength={5} autoComplete="off" />}
        </Field>
        <Field id="agency-address" label={t('agencies.address')} error={fieldError('body.address')} optional>
          {(a) => <input {...a} value={f.address} onChange={set('address')} maxLength={500} autoComplete="off" />}
        </Field>
        <Field id="agency-phone" label={t('agencies.phone')} error={fieldError('body.phone')} optional>
          {(a) => <input {...a} type="tel" value={f.phone} onChange={set('phone')} maxLength={20} autoComplete="off" />}
        </Field>
        <Field id="agency-email" label={t('agencies.email')} error={fieldError('body.email')} optional>
          {(a) => <input {...a} type="email" value={f.email} onChange={set('email')} maxLength={200} autoComplete="off" />}
        </Field>
        <div className="form-actions">
          <SubmitButton pending={submission.pending} />
          <button type="button" className="secondary" onClick={() => onClose(null)}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

type EditFields = { name: string; kind: string; unitCode: string; address: string; phone: string; email: string; active: boolean };
const editFields = (a: Agency): EditFields => ({
  name: a.name,
  kind: a.kind,
  unitCode: a.unit?.code ?? '',
  address: a.address ?? '',
  phone: a.phone ?? '',
  email: a.email ?? '',
  active: a.active,
});

function AgencyEditForm({ code, onClose }: { code: string; onClose(message: string | null): void }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const kindLabel = useKindLabel();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [base, setBase] = useState<Agency | null>(null);
  const [f, setF] = useState<EditFields | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [info, setInfo] = useState('');

  // Always edit the current version, not the one the list showed.
  const load = useCallback(
    async (signal?: AbortSignal) => {
      const a = await api.get<Agency>(`/api/v1/agencies/${encodeURIComponent(code)}`, undefined, signal);
      setBase(a);
      setF(editFields(a));
      setLoadError(null);
    },
    [code],
  );
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal).catch((err: unknown) => {
      if (!isAbort(err)) setLoadError(err instanceof ApiError ? err : null);
    });
    return () => ctl.abort();
  }, [load]);

  const set = (k: Exclude<keyof EditFields, 'active'>) => (e: { target: { value: string } }) => setF((prev) => prev && { ...prev, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!base || !f) return;
    setInfo('');
    const changes: Record<string, unknown> = {};
    if (f.name.trim() !== base.name) changes.name = f.name.trim();
    if (f.kind !== base.kind) changes.kind = f.kind;
    if (f.unitCode.trim() !== (base.unit?.code ?? '')) changes.unit = f.unitCode.trim() ? { structure: '2025', code: f.unitCode.trim() } : null;
    for (const k of ['address', 'phone', 'email'] as const) if (optional(f[k]) !== base[k]) changes[k] = optional(f[k]);
    if (f.active !== base.active) changes.active = f.active;
    if (Object.keys(changes).length === 0) {
      submission.clear();
      setInfo(t('form.noChanges'));
      return;
    }
    const updated = await submission.run(changes, () =>
      api.patch<Agency>(`/api/v1/agencies/${encodeURIComponent(code)}`, changes, { ifMatch: base.version }),
    );
    if (updated) onClose(t('agencies.updated', { code }));
  };

  const reloadLatest = async () => {
    try {
      await load();
      submission.clear();
      setInfo(t('form.reloaded'));
    } catch (err) {
      if (err instanceof ApiError) submission.fail(err);
    }
  };

  const fields: Record<string, [string, string]> = {
    'body.name': ['agency-name', t('agencies.name')],
    'body.kind': ['agency-kind', t('agencies.kind')],
    'body.unit.code': ['agency-unit', t('agencies.unitCode')],
    'body.address': ['agency-address', t('agencies.address')],
    'body.phone': ['agency-phone', t('agencies.phone')],
    'body.email': ['agency-email', t('agencies.email')],
    'body.active': ['agency-active', t('agencies.active')],
  };

  return (
    <section aria-labelledby="agency-form-heading">
      <h2 id="agency-form-heading" ref={heading} tabIndex={-1}>
        {t('agencies.editHeading', { code })}
      </h2>
      {loadError && (
        <div className="form-errors" role="alert">
          <p>{localized(loadError.localized)}</p>
        </div>
      )}
      {!f || !base ? (
        !loadError && <p role="status">{t('list.loading')}</p>
      ) : (
        <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
          <FormErrors submission={submission} fields={fields}>
            {submission.error?.code === 'VERSION_CONFLICT' && (
              <button type="button" className="secondary" onClick={() => void reloadLatest()}>
                {t('form.reloadLatest')}
              </button>
            )}
          </FormErrors>
          <p role="status" className={info ? 'notice' : 'notice-empty'}>
            {info}
          </p>
          <Field id="agency-name" label={t('agencies.name')} error={fieldError('body.name')}>
            {(a) => <input {...a} value={f.name} onChange={set('name')} required maxLength={300} />}
          </Field>
          <Field id="agency-kind" label={t('agencies.kind')} error={fieldError('body.kind')}>
            {(a) => (
              <select {...a} value={f.kind} onChange={set('kind')} required>
                {!AGENCY_KINDS.some((k) => k === base.kind) && <option value={base.kind}>{base.kind}</option>}
                {AGENCY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="agency-unit" label={t('agencies.unitCode')} hint={t('agencies.unitHint')} error={fieldError('body.unit.code') ?? fieldError('body.unit')} optional>
            {(a) => <input {...a} value={f.unitCode} onChange={set('unitCode')} inputMode="numeric" maxLength={5} autoComplete="off" />}
          </Field>
          <Field id="agency-address" label={t('agencies.address')} error={fieldError('body.address')} optional>
            {(a) => <input {...a} value={f.address} onChange={set('address')} maxLength={500} autoComplete="off" />}
          </Field>
          <Field id="agency-phone" label={t('agencies.phone')} error={fieldError('body.phone')} optional>
            {(a) => <input {...a} type="tel" value={f.phone} onChange={set('phone')} maxLength={20} autoComplete="off" />}
          </Field>
          <Field id="agency-email" label={t('agencies.email')} error={fieldError('body.email')} optional>
            {(a) => <input {...a} type="email" value={f.email} onChange={set('email')} maxLength={200} autoComplete="off" />}
          </Field>
          <div className="field checkbox">
            <input id="agency-active" type="checkbox" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />
            <label htmlFor="agency-active">{t('agencies.active')}</label>
          </div>
          <div className="form-actions">
            <SubmitButton pending={submission.pending} />
            <button type="button" className="secondary" onClick={() => onClose(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

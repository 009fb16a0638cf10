import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort, type Agency, type Me, type Officer, type Role, type RoleGrant } from '../api.js';
import { useLocalized } from '../i18n.js';
import { useSession } from '../session.js';
import { adminScope, DirectoryPending, type Directory } from './directory.js';
import { Field, FormErrors, SubmitButton, useFieldError, useFocusOnMount, useSubmission, type Submission } from './forms.js';
import { ListFooter, usePagedList } from './list.js';

type Mode = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; id: string };

const ROLES: Role[] = ['reception', 'specialist', 'approver', 'procedure_control', 'reporting', 'admin'];

/** Officers of the agencies the user administers: list, add one, change one's roles. */
export function OfficersTab({ me, directory }: { me: Me; directory: Directory }) {
  const { t } = useTranslation('admin');
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');
  const list = usePagedList<Officer>('/api/v1/officers', { limit: 50 });
  const scope = useMemo(() => adminScope(directory.agencies, me), [directory.agencies, me]);

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
    }
    setMode({ kind: 'list' });
  };

  if (mode.kind !== 'list' && !directory.loaded) return <DirectoryPending directory={directory} />;
  if (mode.kind === 'create') return <OfficerCreateForm scope={scope} onClose={close} />;
  if (mode.kind === 'edit') return <RolesEditForm id={mode.id} me={me} scope={scope} onClose={close} />;

  return (
    <section aria-labelledby="officers-heading">
      <h2 id="officers-heading">{t('officers.heading')}</h2>
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
          {t('officers.add')}
        </button>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('officers.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('officers.username')}</th>
              <th scope="col">{t('officers.fullName')}</th>
              <th scope="col">{t('officers.contact')}</th>
              <th scope="col">{t('officers.roles')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <code>{o.username}</code>
                  {!o.active && <span className="tag"> ({t('officers.inactive')})</span>}
                </td>
                <td lang="vi">{o.fullName}</td>
                <td>
                  {o.email && <div>{o.email}</div>}
                  {o.phone && <div>{o.phone}</div>}
                </td>
                <td>
                  <GrantList grants={o.roles} />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setNotice('');
                      setMode({ kind: 'edit', id: o.id });
                    }}
                  >
                    {t('officers.editRoles')}
                    <span className="visually-hidden"> — {o.fullName}</span>
                  </button>
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

function GrantList({ grants }: { grants: RoleGrant[] }) {
  const { t } = useTranslation('admin');
  return (
    <ul className="plain">
      {grants.map((g) => (
        <li key={`${g.agencyCode}|${g.role}`}>
          {t(`roles.${g.role}`)} — <code>{g.agencyCode}</code>
        </li>
      ))}
    </ul>
  );
}

type Row = { key: number; agencyCode: string; role: Role | '' };
let rowKeys = 0;
const newRow = (agencyCode = '', role: Role | '' = ''): Row => ({ key: ++rowKeys, agencyCode, role });
const toGrants = (rows: Row[]) => rows.map((r) => ({ agencyCode: r.agencyCode, role: r.role }));

/** Editable list of (agency, role) pairs; errors are looked up by the index sent (`body.roles.2.role`). */
function RoleRows(props: { idPrefix: string; rows: Row[]; onChange(rows: Row[]): void; scope: Agency[]; submission: Submission }) {
  const { t } = useTranslation('admin');
  const fieldError = useFieldError(props.submission.error);
  const { rows, onChange } = props;
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (i: number, patch: Partial<Row>) => onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const listError = fieldError('body.roles');
  // An empty picker fails the code's format check on the server: say what to do instead.
  const choiceError = (value: string, error: string | undefined) => (error && !value ? t('problem.invalid_value') : error);
  return (
    <fieldset className="roles" aria-describedby={listError ? `${props.idPrefix}-roles-error` : undefined}>
      <legend>{t('officers.rolesLegend')}</legend>
      {listError && (
        <p className="field-error" id={`${props.idPrefix}-roles-error`}>
          {listError}
        </p>
      )}
      {rows.length === 0 && <p className="hint">{t('officers.noRoles')}</p>}
      {rows.map((r, i) => {
        const id = `${props.idPrefix}-role-${i}`;
        return (
          <div key={r.key} className="role-row" role="group" aria-labelledby={`${id}-title`}>
            <p className="role-row-title" id={`${id}-title`}>
              {t('officers.roleN', { n: i + 1 })}
            </p>
            <Field id={`${id}-agency`} label={t('officers.agency')} error={choiceError(r.agencyCode, fieldError(`body.roles.${i}.agencyCode`))}>
              {(a) => (
                <select {...a} value={r.agencyCode} onChange={(e) => update(i, { agencyCode: e.target.value })} required>
                  <option value="">{t('officers.chooseAgency')}</option>
                  {r.agencyCode && !props.scope.some((s) => s.code === r.agencyCode) && <option value={r.agencyCode}>{r.agencyCode}</option>}
                  {props.scope.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.code} — {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-role`} label={t('officers.role')} error={fieldError(`body.roles.${i}.role`)}>
              {(a) => (
                <select {...a} value={r.role} onChange={(e) => update(i, { role: e.target.value as Role | '' })} required>
                  <option value="">—</option>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                onChange(rows.filter((_, n) => n !== i));
                addButton.current?.focus();
              }}
            >
              {t('officers.removeRole', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      <button ref={addButton} type="button" className="secondary" onClick={() => onChange([...rows, newRow(props.scope.length === 1 ? props.scope[0]!.code : '')])}>
        {t('officers.addRole')}
      </button>
    </fieldset>
  );
}

function roleFields(rows: Row[], t: (k: 'officers.agency' | 'officers.role' | 'officers.roles') => string, prefix: string): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = { 'body.roles': [`${prefix}-role-0-agency`, t('officers.roles')] };
  rows.forEach((_, i) => {
    out[`body.roles.${i}.agencyCode`] = [`${prefix}-role-${i}-agency`, `${t('officers.agency')} (${i + 1})`];
    out[`body.roles.${i}.role`] = [`${prefix}-role-${i}-role`, `${t('officers.role')} (${i + 1})`];
  });
  return out;
}

function OfficerCreateForm({ scope, onClose }: { scope: Agency[]; onClose(message: string | null): void }) {
  const { t } = useTranslation('admin');
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [f, setF] = useState({ username: '', fullName: '', email: '', phone: '' });
  const [rows, setRows] = useState<Row[]>(() => [newRow(scope.length === 1 ? scope[0]!.code : '')]);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const email = f.email.trim();
    const phone = f.phone.trim();
    const body = {
      username: f.username.trim(),
      fullName: f.fullName.trim(),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      roles: toGrants(rows),
    };
    const created = await submission.run(body, (idempotencyKey) => api.post<Officer>('/api/v1/officers', body, { idempotencyKey }));
    if (created) onClose(t('officers.created', { username: created.username }));
  };

  const fields: Record<string, [string, string]> = {
    'body.username': ['officer-username', t('officers.username')],
    'body.fullName': ['officer-fullname', t('officers.fullName')],
    'body.email': ['officer-email', t('officers.email')],
    'body.phone': ['officer-phone', t('officers.phone')],
    ...roleFields(rows, t, 'officer'),
  };

  return (
    <section aria-labelledby="officer-form-heading">
      <h2 id="officer-form-heading" ref={heading} tabIndex={-1}>
        {t('officers.createHeading')}
      </h2>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields} note={<p>{t('form.retryNote')}</p>} />
        <Field id="officer-username" label={t('officers.username')} hint={t('officers.usernameHint')} error={fieldError('body.username')}>
          {(a) => (
            <input
              {...a}
              value={f.username}
              onChange={(e) => setF((prev) => ({ ...prev, username: e.target.value.toLowerCase() }))}
              required
              maxLength={64}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="officer-fullname" label={t('officers.fullName')} error={fieldError('body.fullName')}>
          {(a) => <input {...a} value={f.fullName} onChange={set('fullName')} required maxLength={200} autoComplete="off" />}
        </Field>
        <Field id="officer-email" label={t('officers.email')} error={fieldError('body.email')} optional>
          {(a) => <input {...a} type="email" value={f.email} onChange={set('email')} maxLength={200} autoComplete="off" />}
        </Field>
        <Field id="officer-phone" label={t('officers.phone')} error={fieldError('body.phone')} optional>
          {(a) => <input {...a} type="tel" value={f.phone} onChange={set('phone')} maxLength={20} autoComplete="off" />}
        </Field>
        <RoleRows idPrefix="officer" rows={rows} onChange={setRows} scope={scope} submission={submission} />
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

function RolesEditForm({ id, me, scope, onClose }: { id: string; me: Me; scope: Agency[]; onClose(message: string | null): void }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const { refresh } = useSession();
  const submission = useSubmission();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [officer, setOfficer] = useState<Officer | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [info, setInfo] = useState('');
  const inScope = useMemo(() => new Set(scope.map((a) => a.code)), [scope]);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const o = await api.get<Officer>(`/api/v1/officers/${encodeURIComponent(id)}`, undefined, signal);
      setOfficer(o);
      setLoadError(null);
      return o;
    },
    [id],
  );
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal).catch((err: unknown) => {
      if (!isAbort(err)) setLoadError(err instanceof ApiError ? err : null);
    });
    return () => ctl.abort();
  }, [load]);
  // Editable rows: the grants inside the user's scope (known once both the officer and the directory are loaded).
  const scopeKey = [...inScope].join(',');
  useEffect(() => {
    if (officer) setRows(officer.roles.filter((g) => inScope.has(g.agencyCode)).map((g) => newRow(g.agencyCode, g.role)));
  }, [officer, scopeKey]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!officer) return;
    setInfo('');
    const body = { roles: toGrants(rows) };
    const updated = await submission.run(body, () =>
      api.put<Officer>(`/api/v1/officers/${encodeURIComponent(id)}/roles`, body, { ifMatch: officer.version }),
    );
    if (!updated) return;
    if (updated.id === me.id) void refresh();
    onClose(t('officers.updated', { username: updated.username }));
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

  const outside = officer ? officer.roles.filter((g) => !inScope.has(g.agencyCode)) : [];
  return (
    <section aria-labelledby="roles-form-heading">
      <h2 id="roles-form-heading" ref={heading} tabIndex={-1}>
        {officer ? t('officers.editHeading', { name: officer.fullName }) : t('officers.editRoles')}
      </h2>
      {loadError && (
        <div className="form-errors" role="alert">
          <p>{localized(loadError.localized)}</p>
        </div>
      )}
      {!officer ? (
        !loadError && <p role="status">{t('list.loading')}</p>
      ) : (
        <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
          <FormErrors submission={submission} fields={roleFields(rows, t, 'roles')}>
            {submission.error?.code === 'VERSION_CONFLICT' && (
              <button type="button" className="secondary" onClick={() => void reloadLatest()}>
                {t('form.reloadLatest')}
              </button>
            )}
          </FormErrors>
          <p role="status" className={info ? 'notice' : 'notice-empty'}>
            {info}
          </p>
          <p>
            <code>{officer.username}</code>
          </p>
          <RoleRows idPrefix="roles" rows={rows} onChange={setRows} scope={scope} submission={submission} />
          {outside.length > 0 && (
            <div className="panel">
              <p>{t('officers.otherRoles')}</p>
              <GrantList grants={outside} />
            </div>
          )}
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

/**
 * The papers of a dossier, per component (TP01…): what is provided, the files with their download
 * links, and — where the caller may add — a file picker per component with upload progress. The
 * server decides who may add what and when (before reception, during a supplement, at the desk);
 * its refusal is shown in words. One Idempotency-Key per chosen file: a retry after a lost answer
 * records it once. An applicant is also offered, in one click, the files they already gave with their
 * other dossiers and the results returned to them (POST …/attachments/reuse: same file, new record).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, newIdempotencyKey, type Page } from '../api.js';
import { useLocalized } from '../i18n.js';
import { useSession } from '../session.js';
import { uploadToDossier } from '../upload.js';
import { useDossiersT } from './i18n.js';
import { componentCodeOf, type Attachment, type AttachmentList, type DossierListItem } from './types.js';
import { asApiError, ErrorBox, useLoad } from './ui.js';

/** A file the applicant may attach again: their own upload, or a result returned to them. */
export type Reusable = { id: string; fileName: string; dossierLabel: string; result: boolean };

/** How many of the applicant's recent dossiers are looked through for files to reuse. */
const REUSE_DOSSIERS = 10;

/** The applicant's files from their other recent dossiers, newest first (one read per dossier). */
function useReusable(enabled: boolean, currentId: string | null, personId: string | null): Reusable[] {
  const [files, setFiles] = useState<Reusable[]>([]);
  useEffect(() => {
    if (!enabled || !currentId || !personId) return;
    const ctl = new AbortController();
    (async () => {
      const mine = await api.get<Page<DossierListItem>>('/api/v1/dossiers', { limit: REUSE_DOSSIERS + 1 }, ctl.signal);
      const others = mine.items.filter((d) => d.id !== currentId).slice(0, REUSE_DOSSIERS);
      const lists = await Promise.all(
        others.map((d) =>
          api
            .get<AttachmentList>(`/api/v1/dossiers/${encodeURIComponent(d.code ?? d.id)}/attachments`, undefined, ctl.signal)
            .then((l) => ({ d, l }))
            .catch(() => null),
        ),
      );
      const out: Reusable[] = [];
      const seen = new Set<string>();
      for (const x of lists) {
        if (!x) continue;
        for (const f of x.l.items) {
          const result = f.component === 'result';
          const usable = f.digitised && !f.supersededBy && f.fileName && (result ? x.d.status === 'RETURNED' : f.uploadedBy.id === personId);
          if (!usable || seen.has(f.id)) continue;
          seen.add(f.id);
          out.push({ id: f.id, fileName: f.fileName!, dossierLabel: `${x.d.procedure.name} (${x.d.code ?? x.d.id.slice(0, 8)})`, result });
        }
      }
      setFiles(out);
    })().catch(() => undefined);
    return () => ctl.abort();
  }, [enabled, currentId, personId]);
  return files;
}

export function Attachments({ dossierRef, canAdd, headingLevel = 2, note }: { dossierRef: string; canAdd: boolean; headingLevel?: 2 | 3; note?: ReactNode }) {
  const { t } = useDossiersT();
  const { session } = useSession();
  const path = `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/attachments`;
  const [state, reload, set] = useLoad((signal) => api.get<AttachmentList>(path, undefined, signal), [path]);
  const applicant = session.status === 'signed-in' && (session.me.kind === 'citizen' || session.me.kind === 'business');
  const reusable = useReusable(canAdd && applicant, state.kind === 'ok' ? state.data.dossierId : null, session.status === 'signed-in' ? session.me.id : null);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (state.kind === 'loading') return null;
  if (state.kind === 'error') return state.error.status === 404 ? null : <ErrorBox error={state.error} onRetry={reload} retryLabel={t('common.retry')} />;
  const list = state.data;
  return (
    <section aria-labelledby="dos-files" className="dos-section dos-no-print">
      <H id="dos-files">{t('files.heading')}</H>
      {canAdd && <p className="hint">{t('files.intro')}</p>}
      <ul className="dos-files">
        {list.components
          .filter((c) => c.component !== 'result' || c.current > 0)
          .map((c) => (
            <Component
              key={c.component}
              list={list}
              component={c}
              canAdd={canAdd && c.component !== 'result'}
              dossierRef={dossierRef}
              path={path}
              reusable={reusable}
              onUploaded={async () => set(await api.get<AttachmentList>(path))}
            />
          ))}
      </ul>
      {note}
    </section>
  );
}

/**
 * What is attached to the dossier, per paper, for the check before filing: first the required papers
 * still missing, in words, then each paper with its files. Without a server draft nothing can be
 * attached yet: the procedure's papers are listed as missing.
 */
export function AttachedPapers({ dossierRef, papers }: { dossierRef: string | null; papers: { name: string; required: boolean | null }[] }) {
  const { t, lang } = useDossiersT();
  const path = dossierRef ? `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/attachments` : null;
  const [state, reload] = useLoad((signal) => (path ? api.get<AttachmentList>(path, undefined, signal) : Promise.resolve(null)), [path]);
  if (papers.length === 0) return null;
  if (state.kind === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (state.kind === 'error') return <ErrorBox error={state.error} onRetry={reload} retryLabel={t('common.retry')} />;
  const list = state.data;
  // The dossier's own components (its procedure version) once it exists; the procedure's before.
  const rows = list
    ? list.components
        .filter((c) => c.component !== 'result')
        .map((c) => ({ code: c.component, name: c.name, required: c.required === true, files: list.items.filter((f) => f.component === c.component && !f.supersededBy) }))
    : papers.map((c, i) => ({ code: componentCodeOf(i), name: c.name, required: c.required === true, files: [] as Attachment[] }));
  const missing = rows.filter((r) => r.required && r.files.length === 0);
  const vi = lang === 'vi' ? undefined : 'vi';
  return (
    <section aria-labelledby="dos-review-papers" className="dos-section">
      <h3 id="dos-review-papers">{t('files.heading')}</h3>
      {missing.length > 0 ? (
        <div className="dos-warning" id="dos-missing-papers">
          <p>
            <strong>{t('files.missingRequired', { count: missing.length })}</strong>
          </p>
          <ul lang={vi}>
            {missing.map((r) => (
              <li key={r.code}>{r.name}</li>
            ))}
          </ul>
          <p>{t('files.missingNote')}</p>
        </div>
      ) : (
        rows.some((r) => r.required) && <p className="notice">{t('files.allRequired')}</p>
      )}
      <ul className="dos-files">
        {rows.map((r) => (
          <li key={r.code} className="dos-file">
            <p className="dos-file-name">
              <span lang="vi">{r.name}</span> {r.required && <span className="hint">{t('files.required')}</span>} —{' '}
              <strong>{r.files.length > 0 ? t('files.received') : t('files.missing')}</strong>
            </p>
            {r.files.length > 0 && (
              <ul>
                {r.files.map((f) => (
                  <li key={f.id}>{f.fileName ?? t('files.paperOnly', { note: f.note ?? '' })}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Component({
  list,
  component: c,
  canAdd,
  dossierRef,
  path,
  reusable,
  onUploaded,
}: {
  list: AttachmentList;
  component: AttachmentList['components'][number];
  canAdd: boolean;
  dossierRef: string;
  path: string;
  reusable: Reusable[];
  onUploaded: () => Promise<void>;
}) {
  const { t } = useDossiersT();
  const localized = useLocalized();
  const { session } = useSession();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const attempt = useRef<{ file: File; key: string } | null>(null);
  const files = list.items.filter((i) => i.component === c.component && !i.supersededBy);
  const id = `file-${c.component}`;
  const reuseKeys = useRef(new Map<string, string>());
  const [reusing, setReusing] = useState(false);

  const reuse = async (f: Reusable) => {
    if (reusing || progress !== null) return;
    // One key per (component, file): a retry after a lost answer records it once.
    const k = reuseKeys.current.get(f.id) ?? newIdempotencyKey();
    reuseKeys.current.set(f.id, k);
    setReusing(true);
    setError(null);
    setNotice(null);
    try {
      await api.post(`${path}/reuse`, { component: c.component, attachmentId: f.id }, { idempotencyKey: k });
      setNotice(t('files.reused', { file: f.fileName }));
      await onUploaded();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setReusing(false);
    }
  };

  const send = async () => {
    const file = input.current?.files?.[0];
    setMissingFile(!file);
    if (!file || progress !== null) return;
    if (attempt.current?.file !== file) attempt.current = { file, key: newIdempotencyKey() };
    setError(null);
    setNotice(null);
    setProgress(0);
    try {
      await uploadToDossier(dossierRef, c.component, file, attempt.current.key, session.status === 'signed-in' ? session.me.csrfToken : null, setProgress);
      attempt.current = null;
      if (input.current) input.current.value = '';
      setNotice(t('files.uploaded', { file: file.name }));
      await onUploaded();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setProgress(null);
    }
  };

  return (
    <li className="dos-file">
      <p className="dos-file-name">
        <span lang="vi">{c.name}</span> {c.required && <span className="hint">{t('files.required')}</span>} —{' '}
        <strong>{c.received ? t('files.received') : t('files.missing')}</strong>
      </p>
      {files.length > 0 && (
        <ul>
          {files.map((f) => (
            <li key={f.id}>{f.contentUrl ? <a href={f.contentUrl}>{t('files.download', { file: f.fileName ?? f.id })}</a> : t('files.paperOnly', { note: f.note ?? '' })}</li>
          ))}
        </ul>
      )}
      {canAdd && (
        <div className={missingFile || error ? 'field field-invalid' : 'field'}>
          <label htmlFor={id}>{t('files.choose', { name: c.name })}</label>
          {missingFile && (
            <p className="field-error" id={`${id}-error`}>
              {t('files.noFile')}
            </p>
          )}
          {error && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {localized(error.localized)} {t('files.retryNote')}
            </p>
          )}
          <div className="filter-row">
            <input ref={input} id={id} type="file" aria-describedby={missingFile || error ? `${id}-error` : undefined} onChange={() => setMissingFile(false)} />
            <button type="button" className="secondary" disabled={progress !== null} onClick={() => void send()}>
              {t('files.upload')}
              <span className="visually-hidden"> {c.name}</span>
            </button>
          </div>
          {progress !== null && (
            <p role="status">
              <progress max={100} value={progress} aria-label={t('files.uploading', { percent: progress })} /> {t('files.uploading', { percent: progress })}
            </p>
          )}
          {reusable.length > 0 && (
            <div className="dos-reuse">
              <p className="hint">{t('files.reuseIntro')}</p>
              <ul>
                {reusable.slice(0, 5).map((f) => (
                  <li key={f.id}>
                    <button type="button" className="secondary" disabled={reusing || progress !== null} onClick={() => void reuse(f)}>
                      {t('files.reuse', { file: f.fileName })}
                      <span className="visually-hidden"> {t('files.reuseFor', { name: c.name })}</span>
                    </button>{' '}
                    <span className="hint">
                      {f.result ? t('files.reuseResult', { dossier: f.dossierLabel }) : t('files.reuseFrom', { dossier: f.dossierLabel })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {notice && <p role="status" className="notice">{notice}</p>}
        </div>
      )}
    </li>
  );
}

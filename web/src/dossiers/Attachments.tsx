/**
 * The papers of a dossier, per component (TP01…): what is provided, the files with their download
 * links, and — where the caller may add — a file picker per component with upload progress. The
 * server decides who may add what and when (before reception, during a supplement, at the desk);
 * its refusal is shown in words. One Idempotency-Key per chosen file: a retry after a lost answer
 * records it once.
 */
import { useRef, useState } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api.js';
import { useLocalized } from '../i18n.js';
import { useSession } from '../session.js';
import { useDossiersT } from './i18n.js';
import type { AttachmentList } from './types.js';
import { asApiError, ErrorBox, useLoad } from './ui.js';

/** multipart/form-data upload with progress (fetch has no upload progress; XMLHttpRequest does). */
function upload(path: string, component: string, file: File, key: string, csrf: string | null, onProgress: (p: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', key);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', { vi: 'Không kết nối được máy chủ. Hãy thử lại.', en: 'Cannot reach the server. Try again.' }));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      try {
        const b = JSON.parse(xhr.responseText) as { code: string; message: { vi: string; en: string }; details?: unknown };
        reject(new ApiError(xhr.status, b.code, b.message, b.details ?? null));
      } catch {
        reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, { vi: `Lỗi tải lên (mã ${xhr.status})`, en: `Upload failed (status ${xhr.status})` }));
      }
    };
    const form = new FormData();
    // The server reads the component before the file: the order matters.
    form.append('component', component);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function Attachments({ dossierRef, canAdd, headingLevel = 2 }: { dossierRef: string; canAdd: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useDossiersT();
  const path = `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/attachments`;
  const [state, reload, set] = useLoad((signal) => api.get<AttachmentList>(path, undefined, signal), [path]);
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
            <Component key={c.component} list={list} component={c} canAdd={canAdd && c.component !== 'result'} path={path} onUploaded={async () => set(await api.get<AttachmentList>(path))} />
          ))}
      </ul>
    </section>
  );
}

function Component({ list, component: c, canAdd, path, onUploaded }: { list: AttachmentList; component: AttachmentList['components'][number]; canAdd: boolean; path: string; onUploaded: () => Promise<void> }) {
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

  const send = async () => {
    const file = input.current?.files?.[0];
    setMissingFile(!file);
    if (!file || progress !== null) return;
    if (attempt.current?.file !== file) attempt.current = { file, key: newIdempotencyKey() };
    setError(null);
    setNotice(null);
    setProgress(0);
    try {
      await upload(path, c.component, file, attempt.current.key, session.status === 'signed-in' ? session.me.csrfToken : null, setProgress);
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
          {notice && <p role="status" className="notice">{notice}</p>}
        </div>
      )}
    </li>
  );
}

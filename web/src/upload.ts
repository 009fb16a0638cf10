/**
 * A file sent to a dossier (paper or result) as multipart/form-data (`component` first, then `file`, the order the
 * server reads them in), with upload progress: XMLHttpRequest reports it, fetch does not. The
 * caller keeps one Idempotency-Key per chosen file, so a retry after a lost answer records it once.
 */
import { ApiError } from './api.js';

export type Uploaded = { id: string; fileName: string | null; contentUrl: string | null };

export function uploadToDossier(dossierRef: string, component: string, file: File, key: string, csrf: string | null, onProgress: (percent: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/attachments`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', key);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', { vi: 'Không kết nối được máy chủ. Hãy thử lại.', en: 'Cannot reach the server. Try again.' }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as Uploaded);
      const b = body as { code?: string; message?: { vi: string; en: string }; details?: unknown } | null;
      if (b?.code && b.message) reject(new ApiError(xhr.status, b.code, b.message, b.details ?? null));
      else reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, { vi: `Không tải lên được (mã ${xhr.status})`, en: `Upload failed (status ${xhr.status})` }));
    };
    const form = new FormData();
    form.append('component', component);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

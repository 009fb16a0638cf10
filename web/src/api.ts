/**
 * The one way the web app talks to the API: same-origin cookie session, JSON both ways, the CSRF
 * token on every state-changing request, and the API's error shape turned into an `ApiError`. The
 * first reads of a page may already be under way, started by src/boot.ts (see `takeEarly`).
 */

export type Localized = { vi: string; en: string };

/** One problem with one field of a request, as the API reports it (`field` looks like `body.name`). */
export type FieldIssue = { field: string; message: string; problem?: string };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Role = 'reception' | 'specialist' | 'approver' | 'procedure_control' | 'reporting' | 'admin';
export type RoleGrant = { agencyCode: string; role: Role };

export type Me = {
  id: string;
  username: string;
  fullName: string;
  kind: 'citizen' | 'business' | 'officer' | 'service';
  csrfToken: string | null;
  roles: (RoleGrant & { agencyName: string; roleLabel: Localized })[];
};

export type Unit = {
  structure: '2025' | 'pre2025';
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  unitType: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
};

export type Agency = {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  unit: { structure: string; code: string } | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  workingHours: unknown;
  active: boolean;
  version: number;
};

export type Officer = {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  roles: RoleGrant[];
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly localized: Localized,
    readonly details: unknown = null,
    readonly requestId: string | null = null,
  ) {
    super(localized.en);
    this.name = 'ApiError';
  }

  /**
   * Field-level problems: the validation issues, and the single `details.field` that some business
   * errors name (e.g. a code already taken), given as a request path like the issues' (`body.code`).
   */
  get issues(): FieldIssue[] {
    const d = this.details;
    if (!d || typeof d !== 'object') return [];
    const out: FieldIssue[] = [];
    const issues = (d as { issues?: unknown }).issues;
    if (Array.isArray(issues)) {
      for (const i of issues) {
        if (i && typeof i === 'object' && typeof (i as FieldIssue).field === 'string') {
          const { field, message, problem } = i as FieldIssue;
          out.push({ field, message: String(message ?? ''), problem: typeof problem === 'string' ? problem : undefined });
        }
      }
    }
    const field = (d as { field?: unknown }).field;
    if (typeof field === 'string') out.push({ field: `body.${field}`, message: this.localized.en, problem: 'business' });
    return out;
  }
}

const NETWORK: Localized = {
  vi: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
  en: 'Cannot reach the server. Check your connection and try again.',
};

function statusMessage(status: number): Localized {
  if (status === 401) return { vi: 'Bạn cần đăng nhập để tiếp tục', en: 'You need to sign in to continue' };
  if (status === 403) return { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' };
  if (status === 404) return { vi: 'Không tìm thấy dữ liệu yêu cầu', en: 'Not found' };
  if (status === 429) return { vi: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, try again later' };
  return { vi: `Lỗi hệ thống (mã ${status}), vui lòng thử lại sau`, en: `Server error (status ${status}), please try again later` };
}

function isLocalized(v: unknown): v is Localized {
  return !!v && typeof v === 'object' && typeof (v as Localized).vi === 'string' && typeof (v as Localized).en === 'string';
}

let csrfToken: string | null = null;

/** The session's CSRF token, from GET /api/v1/me (the session module keeps it current). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | undefined | null>;

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Sent as Idempotency-Key: the same key for a retry of the same submission. */
  idempotencyKey?: string;
  /** The version the change is based on, sent as If-Match: "<version>". */
  ifMatch?: number;
  signal?: AbortSignal;
};

const SAFE = new Set(['GET', 'HEAD']);

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The answer src/boot.ts asked for at this URL before the app's scripts arrived, taken once; only
 * while the page is still at the address it was opened with (boot.ts drops the rest after a minute).
 */
function takeEarly(url: string): Promise<Response> | null {
  const early = window.__motcuaEarly;
  if (!early) return null;
  if (early.href !== window.location.pathname + window.location.search) {
    window.__motcuaEarly = undefined;
    return null;
  }
  const answer = early.responses.get(url) ?? null;
  early.responses.delete(url);
  return answer;
}

/** `answer`, unless `signal` aborts first (then an AbortError, as fetch would throw). */
function abortable(answer: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return answer;
  const aborted = () => new DOMException('The operation was aborted.', 'AbortError');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function send(method: string, path: string, o: RequestOptions): Promise<Response> {
  const early = method === 'GET' && o.body === undefined ? takeEarly(withQuery(path, o.query)) : null;
  if (early) {
    try {
      return await abortable(early, o.signal);
    } catch (err) {
      if (isAbort(err)) throw err;
      // The early request failed (offline for a moment?): ask again, as if there had been none.
    }
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  if (o.ifMatch !== undefined) headers['if-match'] = `"${o.ifMatch}"`;
  try {
    return await fetch(withQuery(path, o.query), {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      credentials: 'same-origin',
      signal: o.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK);
  }
}

async function toError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string' && isLocalized((body as { message?: unknown }).message)) {
    const b = body as { code: string; message: Localized; details?: unknown; requestId?: unknown };
    return new ApiError(res.status, b.code, b.message, b.details ?? null, typeof b.requestId === 'string' ? b.requestId : null);
  }
  return new ApiError(res.status, `HTTP_${res.status}`, statusMessage(res.status));
}

async function fetchCsrfToken(): Promise<void> {
  const res = await send('GET', '/api/v1/me', {});
  if (!res.ok) throw await toError(res);
  csrfToken = ((await res.json()) as Me).csrfToken;
}

export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const changing = !SAFE.has(method);
  if (changing && !csrfToken) await fetchCsrfToken().catch(() => undefined);
  let res = await send(method, path, o);
  if (!res.ok) {
    let err = await toError(res);
    // The session may have been renewed in another tab: fetch the current token and try once more.
    // Safe to repeat: the server checks the token before doing anything.
    if (changing && err.code === 'CSRF_TOKEN_INVALID') {
      await fetchCsrfToken().catch(() => undefined);
      res = await send(method, path, o);
      if (res.ok) return parse<T>(res);
      err = await toError(res);
    }
    throw err;
  }
  return parse<T>(res);
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', { vi: 'Máy chủ trả về dữ liệu không đọc được', en: 'The server sent an unreadable response' });
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown, o: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...o, body }),
  patch: <T>(path: string, body: unknown, o: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...o, body }),
  put: <T>(path: string, body: unknown, o: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...o, body }),
};

/** A new idempotency key; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

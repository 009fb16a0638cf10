/**
 * What a page needs first, by address, so that `boot.ts` can ask for it while the app's own scripts
 * are still downloading instead of one round trip after another: the page's lazily loaded chunk (its
 * files are listed in index.html at build time, see `earlyChunks` in web/vite.config.ts) and the API
 * reads the page makes as soon as it shows. On a slow mobile network every round trip costs over half
 * a second; see docs/performance.md.
 *
 * Each data URL must be exactly the one the page asks `api.ts` for (path, query and its order): the
 * app takes the early answer only for the same URL, and fetches anything else itself. The patterns
 * follow the routes of main.tsx. Nothing here may import app code: `boot.ts` must stay a few hundred
 * bytes with no dependency.
 */

/** A route's lazily loaded page module (path under web/src) and the API reads it starts with. */
export type EarlyRoute = {
  readonly path: RegExp;
  readonly module?: string;
  readonly data?: (params: readonly string[], query: URLSearchParams) => string[];
};

/**
 * Read by the app shell on every page: the session, and the organisation named in the header. Asked
 * early only with an early route's own reads: elsewhere (home, search) the page shows without them,
 * and they would only share the slow network with the app's scripts.
 */
export const SHELL_DATA: readonly string[] = ['/api/v1/me', '/api/v1/agencies?limit=10'];

/** The path segment as the page's `useParams()` reads it, encoded again as the page does. */
function segment(raw: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(raw));
  } catch {
    return encodeURIComponent(raw);
  }
}

export const EARLY_ROUTES: readonly EarlyRoute[] = [
  {
    path: /^\/thu-tuc\/([^/]+)\/nop-ho-so\/?$/,
    module: 'dossiers/ApplyPage.tsx',
    data: ([code], query) => {
      const draft = query.get('ban-nhap');
      return [`/api/v1/procedures/${segment(code!)}`, ...(draft ? [`/api/v1/dossiers/${encodeURIComponent(draft)}`] : [])];
    },
  },
  { path: /^\/ho-so-cua-toi\/?$/, module: 'dossiers/MyDossiersPage.tsx', data: () => ['/api/v1/dossiers?limit=20'] },
  {
    path: /^\/ho-so-cua-toi\/([^/]+)\/?$/,
    module: 'dossiers/DossierPage.tsx',
    data: ([ref]) => [`/api/v1/dossiers/${segment(ref!)}`, `/api/v1/dossiers/${segment(ref!)}/history`],
  },
  { path: /^\/tra-cuu\/?$/, module: 'dossiers/LookupPage.tsx' },
  // The procedure page is in the main chunk: only its data.
  { path: /^\/thu-tuc\/([^/]+)\/?$/, data: ([code]) => [`/api/v1/procedures/${segment(code!)}`] },
];

/** The chunk module and the API reads to ask for early at an address: the page's own, then the shell's. */
export function earlyFor(pathname: string, search: string): { module: string | null; data: string[] } {
  for (const r of EARLY_ROUTES) {
    const m = r.path.exec(pathname);
    if (m) return { module: r.module ?? null, data: [...(r.data ? r.data(m.slice(1), new URLSearchParams(search)) : []), ...SHELL_DATA] };
  }
  return { module: null, data: [] };
}

/** The files of each early route's chunk, as index.html lists them (JSON in `<script id="motcua-early">`). */
export type EarlyChunks = Record<string, { js: string[]; css: string[] }>;

/** What boot.ts leaves for the app: answers under way, by URL, each to be taken once. */
export type EarlyFetches = {
  /** The address the page was opened at: the answers are for it only. */
  readonly href: string;
  readonly responses: Map<string, Promise<Response>>;
};

declare global {
  interface Window {
    __motcuaEarly?: EarlyFetches;
  }
}

/** How long after the page opened an early answer may still be used. */
export const EARLY_MAX_AGE_MS = 60_000;

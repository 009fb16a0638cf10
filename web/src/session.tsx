import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, type Me } from './api.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; error: ApiError };

type SessionContext = { session: SessionState; refresh: () => Promise<void> };

const Ctx = createContext<SessionContext | null>(null);

let inFlight: Promise<SessionState> | null = null;

/** GET /api/v1/me, shared by every caller while one request is under way. */
function loadMe(): Promise<SessionState> {
  inFlight ??= api
    .get<Me>('/api/v1/me')
    .then(
      (me): SessionState => {
        setCsrfToken(me.csrfToken);
        return { status: 'signed-in', me };
      },
      (err: unknown): SessionState => {
        setCsrfToken(null);
        if (err instanceof ApiError && err.status === 401) return { status: 'anonymous' };
        return { status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', { vi: 'Đã có lỗi', en: 'Something went wrong' }) };
      },
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    setSession(await loadMe());
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ session, refresh }), [session, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function isAdmin(session: SessionState): session is Extract<SessionState, { status: 'signed-in' }> {
  return session.status === 'signed-in' && session.me.roles.some((r) => r.role === 'admin');
}

/** The sign-in address: a full-page navigation that comes back to `returnTo`. */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

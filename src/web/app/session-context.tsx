/**
 * Who is logged in, and the API client that acts for them. The session lives in an HttpOnly
 * cookie the page cannot read; what the page keeps is the current user (from /api/auth/me) and
 * the CSRF token that must accompany every write.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { ApiError, createApiClient, type ApiClient } from '../lib/api.js';
import type { Locale, LoginRequest, MeResponse, Role } from '../lib/contracts.js';
import { rolesOf } from './nav.js';

type CurrentUser = MeResponse['user'];

export type SessionState =
  | { status: 'loading' }
  /**
   * `since`: why nobody is signed in — never was on this page load, the server ended the
   * session (expired, logged out elsewhere), or the user logged out here.
   */
  | { status: 'anonymous'; since: 'load' | 'expired' | 'logout' }
  /** /api/auth/me failed for another reason than "not logged in" (server down, network). */
  | { status: 'unavailable'; error: ApiError }
  | { status: 'signed_in'; user: CurrentUser; csrfToken: string | null };

export interface Session {
  state: SessionState;
  api: ApiClient;
  /** The user when signed in, else null. */
  user: CurrentUser | null;
  roles: Role[];
  login: (request: LoginRequest) => Promise<void>;
  logout: () => Promise<void>;
  /** Replace the current user after the API returned a fresh MeResponse (e.g. PATCH /me). */
  acceptMe: (me: MeResponse) => void;
  /** Switch the UI language, and save it in the profile when signed in. */
  changeLocale: (locale: Locale) => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale, t } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  // The client is created once; it reads the current language and token through refs so that
  // a request started after a language switch already asks for the new language.
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const stateRef = useRef(state);
  stateRef.current = state;
  const tRef = useRef(t);
  tRef.current = t;

  const api = useMemo(
    () =>
      createApiClient({
        getLocale: () => localeRef.current,
        getCsrfToken: () =>
          stateRef.current.status === 'signed_in' ? stateRef.current.csrfToken : null,
        clientMessage: (code) =>
          tRef.current(code === 'network_error' ? 'error.network' : 'error.unexpected'),
        onUnauthenticated: () => {
          if (stateRef.current.status === 'signed_in') {
            setState({ status: 'anonymous', since: 'expired' });
          }
        },
      }),
    [],
  );

  const acceptMe = useCallback(
    (me: MeResponse) => {
      setState({ status: 'signed_in', user: me.user, csrfToken: me.csrfToken });
      // The profile's language follows the user from device to device.
      setLocale(me.user.locale);
    },
    [setLocale],
  );

  const [loadCount, setLoadCount] = useState(0);
  const reload = useCallback(() => setLoadCount((count) => count + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api
      .get<MeResponse>('/api/auth/me', { signal: controller.signal })
      .then(acceptMe)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'anonymous', since: 'load' });
        } else if (error instanceof ApiError) {
          setState({ status: 'unavailable', error });
        } else {
          throw error;
        }
      });
    return () => controller.abort();
  }, [api, acceptMe, loadCount]);

  const login = useCallback(
    async (request: LoginRequest) =>
      acceptMe(await api.post<MeResponse>('/api/auth/login', request)),
    [api, acceptMe],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      // Even if the server could not be reached, this page forgets the user.
      setState({ status: 'anonymous', since: 'logout' });
    }
  }, [api]);

  const changeLocale = useCallback(
    async (next: Locale) => {
      setLocale(next);
      if (stateRef.current.status === 'signed_in') {
        acceptMe(await api.patch<MeResponse>('/api/auth/me', { locale: next }));
      }
    },
    [api, setLocale, acceptMe],
  );

  const value = useMemo<Session>(() => {
    const user = state.status === 'signed_in' ? state.user : null;
    return {
      state,
      api,
      user,
      roles: user ? rolesOf(user.grants) : [],
      login,
      logout,
      acceptMe,
      changeLocale,
      reload,
    };
  }, [state, api, login, logout, acceptMe, changeLocale, reload]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** For pages behind the login: the user is known to be signed in there. */
export function useCurrentUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser used outside a signed-in route');
  return user;
}

export function useApi(): ApiClient {
  return useSession().api;
}

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createApi, type Api } from '../api/client';
import type { Session, SignIn } from './sessions';

interface AuthState {
  signIn: SignIn;
  /** undefined while the kept session is being looked up. */
  session: Session | null | undefined;
  /** True after the API refused the session (401): the sign-in page says so. */
  expired: boolean;
  start(session: Session): void;
  signOut(): Promise<void>;
  api: Api;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({
  signIn,
  fetchImpl,
  children,
}: {
  signIn: SignIn;
  fetchImpl?: typeof fetch;
  children: ReactNode;
}) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const queries = useQueryClient();
  const current = useRef<Session | null | undefined>(undefined);
  current.current = session;

  useEffect(() => {
    let live = true;
    signIn
      .restore()
      .catch(() => null)
      // A sign-in that finished meanwhile (the OIDC callback) wins over what was kept.
      .then((kept) => live && setSession((now) => (now === undefined ? kept : now)));
    return () => {
      live = false;
    };
  }, [signIn]);

  const start = useCallback((next: Session) => {
    setExpired(false);
    setSession(next);
  }, []);

  const signOut = useCallback(async () => {
    await signIn.forget();
    queries.clear();
    setSession(null);
  }, [signIn, queries]);

  const api = useMemo(
    () =>
      createApi({
        token: () => current.current?.token ?? null,
        onUnauthorized: () => {
          void signIn.forget();
          queries.clear();
          setExpired(true);
          setSession(null);
        },
        fetch: fetchImpl,
      }),
    [signIn, fetchImpl, queries],
  );

  const value = useMemo(
    () => ({ signIn, session, expired, start, signOut, api }),
    [signIn, session, expired, start, signOut, api],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export const useApi = (): Api => useAuth().api;

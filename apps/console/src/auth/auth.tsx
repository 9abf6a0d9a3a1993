import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { ConsoleConfig } from '../app/config';

/** Who is signed in, from the access token's claims (the IdP puts roles, agency and county there). */
export interface Viewer {
  subject: string;
  name: string;
  username: string;
  agency: string;
  county: string;
  roles: string[];
}

export type SessionState =
  { status: 'signed-out' } | { status: 'signed-in'; viewer: Viewer; accessToken: string; returnTo?: string } | { status: 'expired' };

interface AuthApi {
  session: SessionState;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** The callback page: exchanges the code (PKCE); the session remembers where sign-in started (`returnTo`). */
  completeSignIn(): Promise<void>;
  /** A service answered 401: the token is no longer accepted. */
  expire(): void;
}

const AuthContext = createContext<AuthApi | null>(null);

const decodeClaims = (jwt: string): Record<string, unknown> => {
  const part = jwt.split('.')[1] ?? '';
  const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
};

const viewerOf = (user: User): Viewer => {
  const claims = decodeClaims(user.access_token);
  return {
    subject: String(claims.sub ?? ''),
    name: String(claims.name ?? user.profile.name ?? ''),
    username: String(claims.preferred_username ?? ''),
    agency: String(claims.agency ?? ''),
    county: String(claims.county ?? ''),
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
  };
};

/**
 * OpenID Connect authorization code + PKCE through oidc-client-ts. Tokens are kept in memory only (an
 * InMemoryWebStorage user store): a reload or a new tab signs in again. Only the short-lived request state (PKCE
 * verifier, nonce) sits in sessionStorage across the redirect, as the library does by default; it is removed when the
 * callback completes.
 */
export function AuthProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const manager = useMemo(
    () =>
      new UserManager({
        authority: config.idp.authority,
        client_id: config.idp.clientId,
        redirect_uri: `${window.location.origin}/callback`,
        post_logout_redirect_uri: `${window.location.origin}/`,
        response_type: 'code',
        scope: 'openid profile',
        userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
        automaticSilentRenew: false,
        monitorSession: false,
      }),
    [config],
  );
  const [session, setSession] = useState<SessionState>({ status: 'signed-out' });

  useEffect(() => {
    const expired = () => setSession((s) => (s.status === 'signed-in' ? { status: 'expired' } : s));
    manager.events.addAccessTokenExpired(expired);
    return () => manager.events.removeAccessTokenExpired(expired);
  }, [manager]);

  const signIn = useCallback(
    async (returnTo?: string) => {
      // Without a place to return to, the signed-in routes choose the person's home (the queue, or operations).
      await manager.signinRedirect({ state: returnTo ? { returnTo } : {} });
    },
    [manager],
  );
  const signOut = useCallback(async () => {
    const user = await manager.getUser();
    await manager.removeUser();
    setSession({ status: 'signed-out' });
    await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
  }, [manager]);
  const completeSignIn = useCallback(async () => {
    const user = await manager.signinRedirectCallback();
    const state = user.state as { returnTo?: string } | undefined;
    // Only a path of this console (never another origin: an open redirect).
    const returnTo = typeof state?.returnTo === 'string' && /^\/(?!\/)/.test(state.returnTo) ? state.returnTo : undefined;
    setSession({ status: 'signed-in', viewer: viewerOf(user), accessToken: user.access_token, ...(returnTo ? { returnTo } : {}) });
  }, [manager]);
  const expire = useCallback(() => {
    void manager.removeUser();
    setSession((s) => (s.status === 'signed-in' ? { status: 'expired' } : s));
  }, [manager]);

  const api = useMemo(() => ({ session, signIn, signOut, completeSignIn, expire }), [session, signIn, signOut, completeSignIn, expire]);
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export const hasRole = (viewer: Viewer, ...roles: string[]) => viewer.roles.some((r) => roles.includes(r));
export const isSupervisor = (viewer: Viewer) => hasRole(viewer, 'cws.supervisor', 'calworks.supervisor');
export const isOps = (viewer: Viewer) => hasRole(viewer, 'ops');

import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { isOps, useAuth } from '../auth/auth';

/** Every signed-in page: a skip link, the navigation the person's roles allow, who is signed in, sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const viewer = session.status === 'signed-in' ? session.viewer : undefined;
  const ops = viewer ? isOps(viewer) : false;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Linkages</span>
        {viewer && (
          <nav aria-label="Main">
            <ul>
              {!ops && (
                <li>
                  <NavLink to="/queue">Deadline queue</NavLink>
                </li>
              )}
              {!ops && (
                <li>
                  <NavLink to="/reports">Reports</NavLink>
                </li>
              )}
              {ops && (
                <li>
                  <NavLink to="/ops">Operations</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
        {viewer && (
          <div className="who">
            <span>
              {viewer.name} · {viewer.agency.toUpperCase()} · county {viewer.county}
            </span>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

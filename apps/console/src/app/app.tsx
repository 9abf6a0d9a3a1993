import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { isOps, useAuth } from '../auth/auth';
import { Layout } from '../components/layout';
import { ErrorBox, Loading } from '../components/states';
import { DeadlinePage } from '../pages/deadline-page';
import { FamilyPage } from '../pages/family-page';
import { OpsPage } from '../pages/ops-page';
import { QueuePage } from '../pages/queue-page';

// The reports page carries the chart library: loaded when first opened, not with the queue.
const ReportsPage = lazy(() => import('../pages/reports-page').then((m) => ({ default: m.ReportsPage })));

function SignInPage() {
  const { signIn } = useAuth();
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo;
  return (
    <section aria-labelledby="signin-title" className="centered">
      <h1 id="signin-title">Linkages console</h1>
      <p>One queue of legal deadlines across child welfare and CalWORKs, the family timeline, and the platform’s operations.</p>
      <button type="button" onClick={() => void signIn(returnTo)}>
        Sign in
      </button>
    </section>
  );
}

/** Completes the code exchange; once signed in, the signed-in routes send /callback on to where sign-in started. */
function CallbackPage() {
  const { completeSignIn } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn().catch((e: unknown) => setError(e));
  }, [completeSignIn]);
  if (error)
    return (
      <ErrorBox error={error}>
        <p>
          <a href="/">Start again</a>
        </p>
      </ErrorBox>
    );
  return <Loading what="your session" />;
}

function SessionExpiredPage() {
  const { signIn } = useAuth();
  const location = useLocation();
  return (
    <section aria-labelledby="expired-title" className="centered">
      <h1 id="expired-title">Your session has expired</h1>
      <p>For safety the console keeps your sign-in in memory only, and it has ended. Nothing you had not saved was sent.</p>
      <button type="button" onClick={() => void signIn(location.pathname + location.search)}>
        Sign in again
      </button>
    </section>
  );
}

function NotFound() {
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
    </section>
  );
}

function Routed() {
  const { session } = useAuth();
  const location = useLocation();
  const main = useRef<HTMLElement | null>(null);
  // Moving between pages puts focus on the new page's content, as a full page load would for a screen reader.
  useEffect(() => {
    main.current = document.getElementById('main');
    main.current?.focus();
  }, [location.pathname]);
  if (session.status === 'expired')
    return (
      <Layout>
        <SessionExpiredPage />
      </Layout>
    );
  if (session.status === 'signed-out')
    return (
      <Layout>
        <Routes>
          <Route path="/callback" element={<CallbackPage />} />
          <Route path="/" element={<SignInPage />} />
          <Route path="*" element={<Navigate to="/" replace state={{ returnTo: location.pathname + location.search }} />} />
        </Routes>
      </Layout>
    );
  const home = isOps(session.viewer) ? '/ops' : '/queue';
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to={home} replace />} />
        <Route path="/callback" element={<Navigate to={session.returnTo ?? home} replace />} />
        <Route path="/queue" element={<QueuePage />} />
        <Route path="/deadlines/:deadlineId" element={<DeadlinePage />} />
        <Route path="/families/:familyId" element={<FamilyPage />} />
        <Route
          path="/reports"
          element={
            <Suspense fallback={<Loading what="the reports" />}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route path="/ops" element={<OpsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routed />
    </BrowserRouter>
  );
}

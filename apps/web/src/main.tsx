import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { OidcLogin } from './views/OidcLogin.js';
import './styles.css';

// The sign-in page, what other sites send their users to, loads alone; the role views load on
// demand, since they bring the SDK (JSON Schemas, Merkle trees, ECIES) with them.
const Wallet = lazy(() => import('./views/Wallet.js').then((m) => ({ default: m.Wallet })));
const Government = lazy(() => import('./views/Government.js').then((m) => ({ default: m.Government })));
const Issuer = lazy(() => import('./views/Issuer.js').then((m) => ({ default: m.Issuer })));
const EnrollmentTasks = lazy(() => import('./views/EnrollmentTasks.js').then((m) => ({ default: m.EnrollmentTasks })));
const EnrollmentStatus = lazy(() => import('./views/EnrollmentStatus.js').then((m) => ({ default: m.EnrollmentStatus })));
const Verifier = lazy(() => import('./views/Verifier.js').then((m) => ({ default: m.Verifier })));

/** One page per path under /app; the service answers every /app path with this page. */
function App() {
  const path = window.location.pathname.replace(/^\/app/, '') || '/';
  const query = new URLSearchParams(window.location.search);
  if (path.startsWith('/oidc/login')) return <OidcLogin request={query.get('request') ?? ''} />;
  if (path.startsWith('/wallet')) return <Wallet request={query.get('request') ?? ''} face={query.get('signin') === 'face'} />;
  if (path.startsWith('/government')) return <Government />;
  if (path.startsWith('/issuer')) return <Issuer />;
  if (path.startsWith('/verifier')) return <Verifier />;
  if (path.startsWith('/enrollment-tasks')) return <EnrollmentTasks enrollment={query.get('enrollment') ?? ''} />;
  if (path.startsWith('/enrollment')) return <EnrollmentStatus enrollment={query.get('enrollment') ?? ''} />;
  return (
    <>
      <h1>Identree</h1>
      <p className="lead">Government-anchored, self-sovereign identity. Your keys stay in this browser.</p>
      <nav aria-label="Views">
        <ul className="plain">
          <li><a href="/app/wallet">Your wallet</a>: your identity tree, who can see your credentials, and who looked.</li>
          <li><a href="/app/government">Registry office</a>: register people and organizations, change their standing, accredit issuers.</li>
          <li><a href="/app/issuer">Issue credentials</a>: diplomas, birth certificates and more, delivered to the holder's wallet.</li>
          <li><a href="/app/verifier">Check a credential</a>: ask a holder for proof by QR code or link, and read the verdict.</li>
          <li><a href="/app/enrollment-tasks">Check document fields</a>: as an accredited verifier, confirm or correct the fields of identity documents assigned to you.</li>
          <li><a href="/app/enrollment">Enrollment status</a>: where a document enrollment stands, field by field; the identity provider attests it here.</li>
        </ul>
      </nav>
      <p>Sites use this app for “Sign in with Identree”.</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <App />
      </Suspense>
    </main>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OidcLogin } from './views/OidcLogin.js';
import './styles.css';

/** One page per path under /app; the service answers every /app path with this page. */
function App() {
  const path = window.location.pathname.replace(/^\/app/, '') || '/';
  const query = new URLSearchParams(window.location.search);
  if (path.startsWith('/oidc/login')) return <OidcLogin request={query.get('request') ?? ''} />;
  return (
    <>
      <h1>Identree</h1>
      <p className="lead">Government-anchored, self-sovereign identity. Your keys stay in this browser.</p>
      <p>The views for governments, issuers, holders and verifiers are not built yet; sites use this app for “Sign in with Identree”.</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <App />
    </main>
  </StrictMode>,
);

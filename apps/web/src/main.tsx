import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OidcLogin } from './views/OidcLogin.js';
import { Wallet } from './views/Wallet.js';
import './styles.css';

/** One page per path under /app; the service answers every /app path with this page. */
function App() {
  const path = window.location.pathname.replace(/^\/app/, '') || '/';
  const query = new URLSearchParams(window.location.search);
  if (path.startsWith('/oidc/login')) return <OidcLogin request={query.get('request') ?? ''} />;
  if (path.startsWith('/wallet')) return <Wallet />;
  return (
    <>
      <h1>Identree</h1>
      <p className="lead">Government-anchored, self-sovereign identity. Your keys stay in this browser.</p>
      <nav aria-label="Views">
        <ul className="plain">
          <li><a href="/app/wallet">Your wallet</a>: your identity tree, who can see your credentials, and who looked.</li>
        </ul>
      </nav>
      <p>Sites use this app for “Sign in with Identree”. The views for governments, issuers and verifiers are not built yet.</p>
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

import { lazy, Suspense, useState } from 'react';
import { createSiweMessage } from 'viem/siwe';
import { useAsync } from '../hooks/useAsync.js';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { approveLogin, denyLogin, fetchClaimsPreview, fetchLoginRequest, signReleaseGrant } from '../service/oidc.js';
import { describeValidity, KIND_WORDS, LEVEL_WORDS } from '../words.js';
import type { FaceLoginProof } from '../service/face.js';
import { KeyPicker } from './KeyPicker.js';

// The face flow brings the SDK and the biometrics code: loaded only when chosen, so the sign-in page's first load stays small.
const FaceSignIn = lazy(() => import('./FaceSignIn.js').then((m) => ({ default: m.FaceSignIn })));

/**
 * "Sign in with Identree": the page a relying party sends its user to. The user chooses a key,
 * sees in plain words what the site will and will not learn, ticks what to release, and signs.
 */
export function OidcLogin({ request }: { request: string }) {
  const context = useAsync(() => fetchLoginRequest(request), [request]);
  const [signer, setSigner] = useState<MessageSigner | null>(null);
  if (context.status === 'loading') return <p role="status">Loading the sign-in request…</p>;
  if (context.status === 'error') {
    return (
      <section className="card">
        <h2>This sign-in link cannot be used</h2>
        <p role="alert" className="error">{context.error.message}</p>
        <p>Go back to the site you came from and choose “Sign in with Identree” again.</p>
      </section>
    );
  }
  const { client } = context.value;
  return (
    <>
      <h1>Sign in to {client.name}</h1>
      <p className="lead">
        {client.name} ({client.redirectOrigin}) asks you to prove who you are with Identree.
      </p>
      {signer ? <Release request={request} signer={signer} onBack={() => setSigner(null)} /> : <KeyPicker onSigner={setSigner} />}
      <DenyButton request={request} />
    </>
  );
}

function Release({ request, signer, onBack }: { request: string; signer: MessageSigner; onBack: () => void }) {
  const preview = useAsync(() => fetchClaimsPreview(signer.address), [signer.address]);
  const context = useAsync(() => fetchLoginRequest(request), [request]);
  const [kind, setKind] = useState(true);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [byFace, setByFace] = useState(false);
  if (preview.status !== 'ready' || context.status !== 'ready') {
    return preview.status === 'error' ? <p role="alert" className="error">{preview.error.message}</p> : <p role="status">Reading your identity…</p>;
  }
  const p = preview.value;
  const siteName = context.value.client.name;
  const toggle = (uid: string) => setChosen((s) => (s.has(uid) ? new Set([...s].filter((u) => u !== uid)) : new Set([...s, uid])));
  const release = async () => {
    const verifier = context.value.client.verifier;
    const grants = verifier ? await Promise.all([...chosen].map((uid) => signReleaseGrant(signer, { holder: p.identity, verifier, uid }))) : undefined;
    return { kind, credentials: [...chosen], grants };
  };
  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const message = createSiweMessage({ ...context.value.siwe, address: signer.address, version: '1', issuedAt: new Date() });
      const signature = await signer.signMessage(message);
      const { redirectTo } = await approveLogin({ request, message, signature, release: await release() });
      window.location.assign(redirectTo);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  // By face: the camera and the match run in this page (FaceSignIn, loaded with the face models on demand); the proof replaces the plain signature.
  const signInByFace = async (proof: FaceLoginProof) => {
    const { redirectTo } = await approveLogin({ request, ...proof, release: await release() });
    window.location.assign(redirectTo);
  };
  const released = p.credentials.filter((c) => chosen.has(c.uid));
  return (
    <section aria-labelledby="release" className="card">
      <h2 id="release">What {siteName} will learn</h2>
      <p>
        Your identity: <code>{p.did}</code>
      </p>
      <fieldset>
        <legend>Choose what to share</legend>
        {p.kind && (
          <label className="choice">
            <input type="checkbox" checked={kind} onChange={(e) => setKind(e.target.checked)} /> That you are {KIND_WORDS[p.kind] ?? p.kind}
            {p.status !== 'Active' && ' (your registration is not active, so this will say you are not registered)'}
          </label>
        )}
        {p.credentials.length === 0 && <p>You have no credentials linked to your identity yet. Link one in your wallet to share it.</p>}
        {p.credentials.map((c) => (
          <label key={c.uid} className="choice">
            <input type="checkbox" checked={chosen.has(c.uid)} disabled={!c.valid} onChange={() => toggle(c.uid)} /> Your {c.type}, {LEVEL_WORDS[c.level] ?? c.level}.{' '}
            {c.valid ? describeValidity(c.validUntil) : 'Revoked or expired: it cannot be shared.'}
          </label>
        ))}
      </fieldset>
      <p className="preview">
        {siteName} will learn your identity{kind && p.kind ? `, that you are ${KIND_WORDS[p.kind] ?? p.kind}` : ''}
        {released.length > 0 ? `, and that you hold ${released.map((c) => `a ${c.type}`).join(' and ')}` : ''}. It will not learn anything you leave unticked.
        {released.length > 0 && !context.value.client.verifier && ' It will not learn what is written in your credentials.'}
        {released.length > 0 && context.value.client.verifier &&
          ` It may read everything written in ${released.length === 1 ? 'that credential' : 'those credentials'} for one day: the grant is recorded on chain, and you can revoke it in your wallet at any time.`}
        {' Your wallet lists this sign-in and each time the site reads what you shared; withdraw it there and the site gets nothing more.'}
      </p>
      {byFace ? (
        <Suspense fallback={<p role="status">Loading face sign-in…</p>}>
          <FaceSignIn signer={signer} identity={p.identity} action="Sign in with my face and share" onProof={signInByFace} onCancel={() => setByFace(false)} />
        </Suspense>
      ) : (
        <>
          <button type="button" disabled={busy} onClick={() => void signIn()}>Sign in and share</button>
          {signer.local && <button type="button" className="secondary" disabled={busy} onClick={() => setByFace(true)}>Sign in with my face instead</button>}
          <button type="button" className="secondary" disabled={busy} onClick={onBack}>Use another key</button>
        </>
      )}
      {busy && <p role="status">Waiting for your signature…</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

function DenyButton({ request }: { request: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <p>
      <button
        type="button"
        className="link"
        onClick={() =>
          void denyLogin(request).then(
            ({ redirectTo }) => window.location.assign(redirectTo),
            (e: Error) => setError(e.message),
          )
        }
      >
        Cancel and go back without signing in
      </button>
      {error && <span role="alert" className="error"> {error}</span>}
    </p>
  );
}

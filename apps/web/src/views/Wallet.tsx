import '../nodeGlobals.js';
import { useState } from 'react';
import type { Address } from 'viem';
import { useAsync } from '../hooks/useAsync.js';
import { remaining, useNow } from '../hooks/useNow.js';
import { fetchClaimsPreview } from '../service/oidc.js';
import type { Session } from '../service/session.js';
import { fetchAccessLog, fetchServiceAccessLog, fetchGrants, fetchHeldCredentials, fetchTree, linkCredential, revokeGrant, unlinkCredential, type Tree } from '../service/wallet.js';
import { describeValidity, formatDate, LEVEL_WORDS, shortAddress } from '../words.js';
import { EnrollDocument } from './EnrollDocument.js';
import { FaceSection } from './FaceSection.js';
import { FaceSignedIn } from './FaceSignedIn.js';
import { GuardiansSection, HelpRecover } from './Guardians.js';
import { IdentityTree } from './IdentityTree.js';
import { KeyRotation } from './KeyRotation.js';
import { Present } from './Present.js';
import { SignedIn } from './SignedIn.js';
import { SignInReleases } from './SignInReleases.js';
import { describeServiceAccess, timeline } from './timeline.js';

/** The holder's wallet: the identity tree, credentials, grants and the access log, for the key opened here. */
export function Wallet({ request = '', face = false }: { request?: string; face?: boolean }) {
  return (
    <>
      <h1>Your wallet</h1>
      {request && <p className="lead">A verifier is asking you for proof. Open your key to see what it asks and choose what to share.</p>}
      {face ? (
        <FaceSignedIn>{(session) => <WalletHome session={session} request={request} />}</FaceSignedIn>
      ) : (
        <>
          <SignedIn>{(session) => <WalletHome session={session} request={request} />}</SignedIn>
          <p className="hint">Enrolled your face? <a href="/app/wallet?signin=face">Sign in with your face instead</a>.</p>
        </>
      )}
    </>
  );
}

function WalletHome({ session, request }: { session: Session; request: string }) {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const who = useAsync(() => fetchClaimsPreview(session.signer.address), [session.signer.address]);
  if (who.status === 'loading') return <p role="status">Reading your identity…</p>;
  if (who.status === 'error') return <p role="alert" className="error">{who.error.message}</p>;
  if (!who.value.kind) {
    return <p className="card">This key is not registered as an identity yet. Ask your registry office to register you; then sign in again.</p>;
  }
  return (
    <>
      <p className="lead">
        Signed in as <code>{who.value.did}</code>
        {session.amr?.includes('face') && ', with your face and your key'}
      </p>
      {request && <Present session={session} initialLink={request} onPresented={refresh} />}
      <TreeSection identity={who.value.identity} session={session} version={version} onChange={refresh} />
      <GrantsSection session={session} version={version} onChange={refresh} />
      <SignInReleases session={session} version={version} onChange={refresh} />
      <AccessLogSection session={session} version={version} />
      {!request && <Present session={session} initialLink="" onPresented={refresh} />}
      <GuardiansSection session={session} identity={who.value.identity} version={version} onChange={refresh} />
      <HelpRecover session={session} />
      <FaceSection session={session} identity={who.value.identity} />
      <EnrollDocument session={session} />
      <KeyRotation session={session} identity={who.value.identity} />
    </>
  );
}

function TreeSection({ identity, session, version, onChange }: { identity: Address; session: Session; version: number; onChange: () => void }) {
  const tree = useAsync(() => fetchTree(identity), [identity, version]);
  const held = useAsync(() => fetchHeldCredentials(identity), [identity, version]);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = (label: string, work: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    work().then(() => (setBusy(null), onChange()), (e: Error) => (setBusy(null), setError(e.message)));
  };
  if (tree.status !== 'ready' || held.status !== 'ready') return <p role="status">Drawing your identity tree…</p>;
  const detail = tree.value.credentials.find((c) => c.uid === selected);
  const unlinked = held.value.credentials.filter((c) => !c.linked);
  return (
    <section aria-labelledby="tree-heading" className="card">
      <h2 id="tree-heading">Your identity tree</h2>
      {tree.value.credentials.length === 0 && <p>No credential is linked yet. Link one below to build your tree.</p>}
      <IdentityTree tree={tree.value} selected={selected} onSelect={setSelected} />
      {detail && <CredentialDetail tree={tree.value} uid={detail.uid} onUnlink={() => act('Unlinking', () => unlinkCredential(session, identity, detail.uid))} />}
      {unlinked.length > 0 && (
        <>
          <h3>Not in your tree yet</h3>
          <ul className="plain">
            {unlinked.map((c) => (
              <li key={c.uid}>
                {c.type}, {LEVEL_WORDS[c.level] ?? c.level}. {describeValidity(c.validUntil)}{' '}
                <button type="button" disabled={busy !== null || !c.valid} onClick={() => act('Linking', () => linkCredential(session, identity, c.uid))}>
                  Link {c.type}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {busy && <p role="status">{busy}… the service relays your signed message and pays for it.</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

function CredentialDetail({ tree, uid, onUnlink }: { tree: Tree; uid: string; onUnlink: () => void }) {
  const c = tree.credentials.find((x) => x.uid === uid)!;
  return (
    <div className="detail" aria-live="polite">
      <h3>{c.type}</h3>
      <dl>
        <dt>Level</dt>
        <dd>{LEVEL_WORDS[c.level] ?? c.level}</dd>
        <dt>Issued by</dt>
        <dd>{c.issuerKind ? `a ${c.issuerKind.toLowerCase()}` : 'an entity'} ({shortAddress(c.issuer)})</dd>
        <dt>Status</dt>
        <dd>{c.revoked ? 'Revoked by its issuer' : c.valid ? describeValidity(c.validUntil) : 'Expired'}</dd>
        <dt>Valid from</dt>
        <dd>{c.validFrom === 0 ? 'Its issuance' : formatDate(c.validFrom)}</dd>
      </dl>
      <button type="button" className="secondary" onClick={onUnlink}>Unlink from my tree</button>
    </div>
  );
}

function GrantsSection({ session, version, onChange }: { session: Session; version: number; onChange: () => void }) {
  const grants = useAsync(() => fetchGrants(session), [session, version]);
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  if (grants.status !== 'ready') return <p role="status">Reading who can see your credentials…</p>;
  const live = grants.value.grants.filter((g) => g.live && g.expiresAt > now);
  return (
    <section aria-labelledby="grants-heading" className="card">
      <h2 id="grants-heading">Who can see your credentials</h2>
      {live.length === 0 && <p>Nobody has access right now. When you share a credential with a verifier, it appears here until it expires or you revoke it.</p>}
      <ul className="plain">
        {live.map((g) => (
          <li key={`${g.verifier}-${g.uid}`}>
            Verifier {shortAddress(g.verifier)} can see credential {shortAddress(g.uid)} for {remaining(g.expiresAt - now)} more (until {formatDate(g.expiresAt)}).{' '}
            <button type="button" className="secondary" onClick={() => void revokeGrant(session, session.signer.address, g.verifier, g.uid).then(onChange, (e: Error) => setError(e.message))}>
              Revoke access
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

function AccessLogSection({ session, version }: { session: Session; version: number }) {
  const log = useAsync(async () => {
    const [onChain, service] = await Promise.all([fetchAccessLog(session), fetchServiceAccessLog(session)]);
    return timeline(onChain.entries, service.entries);
  }, [session, version]);
  if (log.status === 'error') return <p role="alert" className="error">{log.error.message}</p>;
  if (log.status !== 'ready') return <p role="status">Reading your access log…</p>;
  const when = (seconds: number | null) => (seconds ? `${formatDate(seconds)}, ${new Date(seconds * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}` : 'Recently');
  return (
    <section aria-labelledby="log-heading" className="card">
      <h2 id="log-heading">Access log</h2>
      {log.value.length === 0 && <p>No one has accessed your credentials yet. Every access is recorded here: on chain when the verifier logs it with its key, otherwise by the Identree service.</p>}
      <ol className="timeline">
        {log.value.map((item) =>
          item.source === 'chain' ? (
            <li key={`chain-${item.entry.id}`}>
              <span className="tag">On chain</span> <strong>{when(item.entry.blockTime)}</strong>: verifier {shortAddress(item.entry.verifier)} {item.entry.success ? 'accessed' : 'tried and was refused access to'} credential {shortAddress(item.entry.uid)}
              {item.entry.granted === true ? ', with your permission.' : item.entry.granted === false ? ', without a standing grant from you.' : '.'}
            </li>
          ) : (
            <li key={`service-${item.entry.id}`}>
              <span className="tag">Recorded by the Identree service, not on chain</span> <strong>{when(item.at)}</strong>: {describeServiceAccess(item.entry)}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

import { useState } from 'react';
import { useAsync } from '../hooks/useAsync.js';
import { fetchReleases, revokeRelease } from '../service/oidc.js';
import type { Session } from '../service/session.js';
import { shortAddress } from '../words.js';

// In the order a person reads them; the address says no more than the identity, so it is not repeated.
const CLAIM_WORDS: [claim: string, words: string][] = [
  ['sub', 'your identity'],
  ['identree_kind', 'what kind of entity you are'],
  ['identree_credentials', 'the credentials you ticked'],
  ['identree_level', 'their certification level'],
  ['identree_grants', 'on-chain grants to read them'],
];
const claimWords = (claims: string[]) => {
  const words = CLAIM_WORDS.filter(([c]) => claims.includes(c)).map(([, w]) => w);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'nothing');
};

/**
 * The sites the holder signed in to with Identree, and what each was let read: an access grant
 * kept by the service (a site without a chain key has none on chain), withdrawn here. A site with a
 * registered address also holds on-chain grants, listed under "Who can see your credentials".
 */
export function SignInReleases({ session, version, onChange }: { session: Session; version: number; onChange: () => void }) {
  const releases = useAsync(() => fetchReleases(session), [session, version]);
  const [error, setError] = useState<string | null>(null);
  if (releases.status === 'error') return <p role="alert" className="error">{releases.error.message}</p>;
  if (releases.status !== 'ready') return <p role="status">Reading the sites you signed in to…</p>;
  const list = releases.value.releases;
  return (
    <section aria-labelledby="releases-heading" className="card">
      <h2 id="releases-heading">Sites you signed in to</h2>
      {list.length === 0 && <p>You have not signed in to any site with Identree yet.</p>}
      <ul className="plain">
        {list.map((r) => (
          <li key={r.id}>
            <strong>{r.clientName}</strong> received {claimWords(r.claims)}
            {r.uids.length > 0 && ` (credential${r.uids.length > 1 ? 's' : ''} ${r.uids.map(shortAddress).join(', ')})`} on {new Date(r.createdAt).toLocaleString('en-GB')}.{' '}
            {r.revokedAt ? 'You withdrew it.' : r.live ? 'The site can read it again until ' + new Date(r.expiresAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) + '.' : 'It has expired.'}{' '}
            {r.live && (
              <button type="button" className="secondary" onClick={() => void revokeRelease(session, r.id).then(onChange, (e: Error) => setError(e.message))}>
                Withdraw from {r.clientName}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="hint">Kept by the Identree service, not on chain: these sites have no key on the chain to record them with.</p>
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

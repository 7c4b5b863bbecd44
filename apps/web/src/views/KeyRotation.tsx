import { useState } from 'react';
import type { Address } from 'viem';
import { useAction } from '../hooks/useAction.js';
import { rotateKey } from '../service/recovery.js';
import type { Session } from '../service/session.js';
import { ActionStatus } from './ActionStatus.js';

/** Moves the identity to a fresh key made and kept in this browser; the old key then acts for nobody. */
export function KeyRotation({ session, identity }: { session: Session; identity: Address }) {
  const [passphrase, setPassphrase] = useState('');
  const [moved, setMoved] = useState<Address | null>(null);
  const action = useAction();
  const rotate = () => action.run(async () => {
    if (!session.signer.local) throw new Error('A wallet extension cannot make a new key here. Rotate from the wallet that holds your key, or import it into this browser.');
    const next = await rotateKey(session, identity, passphrase, 'My identity (new key)');
    setMoved(next);
    return `Done: your identity now answers to key ${next}, kept in this browser. Your old key no longer acts for you.`;
  });
  return (
    <section aria-labelledby="rotate-heading" className="card">
      <h2 id="rotate-heading">Change your key</h2>
      <p>If your key may have been seen by someone else, move your identity to a new key. Your credentials, grants and guardians stay with your identity.</p>
      {moved ? (
        <p>Sign in again with the new key: <a href="/app/wallet">open your wallet</a>.</p>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), void rotate())}>
          <label htmlFor="rotate-passphrase">Passphrase for the new key (at least 8 characters)</label>
          <input id="rotate-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <button type="submit" disabled={action.busy}>Move to a new key</button>
        </form>
      )}
      <ActionStatus {...action} />
    </section>
  );
}

import { useState } from 'react';
import type { Address } from 'viem';
import { listKeys, saveKey, unlockKey } from '../keys/browserKeystore.js';
import { browserSigner } from '../keys/browserSigner.js';
import { connectInjectedWallet, hasInjectedWallet, type MessageSigner } from '../keys/injectedWallet.js';
import { shortAddress } from '../words.js';

/**
 * Chooses who signs: a key kept encrypted in this browser (opened with its passphrase), a new or
 * imported one, or a wallet extension. The private key never leaves the page.
 */
export function KeyPicker({ onSigner }: { onSigner: (signer: MessageSigner) => void }) {
  const [keys, setKeys] = useState(listKeys);
  const [chosen, setChosen] = useState<Address | ''>(keys[0]?.address ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [importing, setImporting] = useState(keys.length === 0);
  const [privateKey, setPrivateKey] = useState('');
  const [label, setLabel] = useState('My identity');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const open = () =>
    run(async () => {
      onSigner(browserSigner(await unlockKey(chosen as Address, passphrase)));
    });
  const store = () =>
    run(async () => {
      const address = await saveKey({ passphrase, label, privateKey });
      const opened = await unlockKey(address, passphrase);
      // State changes after the slow unlock, so the form does not flash to the key list in between.
      setKeys(listKeys());
      setChosen(address);
      setPrivateKey('');
      setImporting(false);
      onSigner(browserSigner(opened));
    });

  return (
    <section aria-labelledby="who-signs" className="card">
      <h2 id="who-signs">Who is signing in?</h2>
      {!importing && keys.length > 0 && (
        <form onSubmit={(e) => (e.preventDefault(), void open())}>
          <label htmlFor="key">Key kept in this browser</label>
          <select id="key" value={chosen} onChange={(e) => setChosen(e.target.value as Address)}>
            {keys.map((k) => (
              <option key={k.address} value={k.address}>
                {k.label} ({shortAddress(k.address)})
              </option>
            ))}
          </select>
          <label htmlFor="passphrase">Passphrase</label>
          <input id="passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <button type="submit" disabled={busy || passphrase === ''}>Open this key</button>
          <button type="button" className="secondary" onClick={() => setImporting(true)}>Use another key</button>
        </form>
      )}
      {importing && (
        <form onSubmit={(e) => (e.preventDefault(), void store())}>
          <p>Your key is encrypted with your passphrase and kept only in this browser. Identree never receives it.</p>
          <label htmlFor="import-key">Private key to import (leave empty to create a new one)</label>
          <input id="import-key" type="password" autoComplete="off" placeholder="0x…" value={privateKey} onChange={(e) => setPrivateKey(e.target.value)} />
          <label htmlFor="label">Name for this key</label>
          <input id="label" value={label} onChange={(e) => setLabel(e.target.value)} />
          <label htmlFor="new-passphrase">Passphrase (at least 8 characters)</label>
          <input id="new-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <button type="submit" disabled={busy}>Keep this key in this browser</button>
          {keys.length > 0 && (
            <button type="button" className="secondary" onClick={() => setImporting(false)}>Back to my keys</button>
          )}
        </form>
      )}
      {hasInjectedWallet() && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(async () => onSigner(await connectInjectedWallet()))}>
          Use my wallet extension instead
        </button>
      )}
      {busy && <p role="status">Working…</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

import { useState } from 'react';
import { useAsync } from '../hooks/useAsync.js';
import { fetchRegistrationTree, TREE_LIMIT, type RegistrationNode } from '../service/registry.js';
import type { Session } from '../service/session.js';
import { levelWords, sponsoredGasWords, STATUS_WORDS } from '../registryWords.js';

const KIND_NAMES: Record<string, string> = { Government: 'Government', Admin: 'Registry administrator', Issuer: 'Issuer', Person: 'Person', Organization: 'Organization' };
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Every registered entity, drawn as nested lists from the root authority down (a screen reader
 * announces each list's level), with what the sponsor paid for each one the signed-in identity may see.
 * `version` changes when this office registers or changes an entity, so the tree is read again.
 */
export function RegistrationTree({ session, version }: { session: Session; version: number }) {
  const [refreshed, setRefreshed] = useState(0);
  const tree = useAsync(() => fetchRegistrationTree(session), [session, version, refreshed]);
  return (
    <section aria-labelledby="registration-tree-heading" className="card">
      <h2 id="registration-tree-heading">Registration tree</h2>
      <p className="hint">
        Who registered whom, from the root authority down. Sponsored gas is what this service paid for an entity's writes, so that it needs no
        ether of its own; you see it for your own entity and those below it (the root authority sees it for all).
      </p>
      {tree.status === 'loading' && <p role="status">Reading the registry…</p>}
      {tree.status === 'error' && (
        <p role="alert" className="error">
          The registration tree could not be read: {tree.error.message} Check that the service is running, then press Refresh.
        </p>
      )}
      {tree.status === 'ready' && tree.value.nodes.length === 0 && (
        <p role="status">No entity is in the registry's index yet. Register one above: it appears here as soon as the chain confirms it.</p>
      )}
      {tree.status === 'ready' && tree.value.nodes.length > 0 && (
        <>
          <Branch nodes={tree.value.nodes} parent={null} you={session.signer.address} label="The registry, from the root authority down" />
          {tree.value.truncated && <p className="hint">Only the first {TREE_LIMIT} entities are shown, the upper levels first.</p>}
        </>
      )}
      <button type="button" className="secondary" onClick={() => setRefreshed((n) => n + 1)} disabled={tree.status === 'loading'}>Refresh</button>
    </section>
  );
}

/** The entities `parent` registered (the top of the tree when `parent` is null), each with its own branch below it. */
function Branch({ nodes, parent, you, label }: { nodes: RegistrationNode[]; parent: RegistrationNode | null; you: string; label: string }) {
  const here = parent === null
    ? nodes.filter((n) => same(n.account, n.registrar) || !nodes.some((m) => same(m.account, n.registrar)))
    : nodes.filter((n) => same(n.registrar, parent.account) && !same(n.account, parent.account));
  if (here.length === 0) return null;
  return (
    <ul className="registration-tree" aria-label={label}>
      {here.map((n) => (
        <li key={n.account}>
          <p className="entity">
            <strong>{KIND_NAMES[n.kind] ?? n.kind}</strong>{same(n.account, you) && ' (you)'}: {STATUS_WORDS[n.status] ?? n.status.toLowerCase()}, {levelWords(n.level)}.
            <br />
            <code>{n.account}</code>
            <br />
            <span className={n.sponsoredGas ? 'gas' : 'hint'}>{sponsoredGasWords(n.sponsoredGas)}</span>
          </p>
          <Branch nodes={nodes} parent={n} you={you} label={`Registered by ${KIND_NAMES[n.kind] ?? n.kind} ${n.account}`} />
        </li>
      ))}
    </ul>
  );
}

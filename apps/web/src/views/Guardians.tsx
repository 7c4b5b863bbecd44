import { useState } from 'react';
import type { Address } from 'viem';
import { useAction } from '../hooks/useAction.js';
import { useAsync } from '../hooks/useAsync.js';
import { remaining, useNow } from '../hooks/useNow.js';
import { addGuardian, approveRecovery, cancelRecovery, fetchGuardians, finalizeRecovery, removeGuardian, type Recovery } from '../service/recovery.js';
import type { Session } from '../service/session.js';
import { formatDate, shortAddress } from '../words.js';
import { ActionStatus } from './ActionStatus.js';

const isAddress = (a: string) => /^0x[0-9a-fA-F]{40}$/.test(a.trim());
/** "Your guardian must approve…", "2 of your 3 guardians must approve…". */
const approvalRule = (threshold: number, guardians: number) =>
  guardians === 1 ? 'Your guardian must approve' : `${threshold} of your ${guardians} guardians must approve`;
const when = (unix: number) => `${formatDate(unix)} at ${new Date(unix * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;

/** The people who can move this identity to a new key if its key is lost, and any recovery under way. */
export function GuardiansSection({ session, identity, version, onChange }: { session: Session; identity: Address; version: number; onChange: () => void }) {
  const set = useAsync(() => fetchGuardians(session, identity), [session, identity, version]);
  const [guardian, setGuardian] = useState('');
  const [threshold, setThreshold] = useState(1);
  const action = useAction();
  if (set.status === 'loading') return <p role="status">Reading your guardians…</p>;
  if (set.status === 'error') return <p role="alert" className="error">{set.error.message}</p>;
  const { guardians, threshold: current, recoveries } = set.value;
  const pending = recoveries.filter((r) => r.status === 'Pending' || r.status === 'pending');
  const add = () => action.run(async () => {
    if (!isAddress(guardian)) throw new Error('A guardian\'s address is 0x followed by 40 hexadecimal characters: ask them to copy it from their wallet.');
    if (threshold < 1 || threshold > guardians.length + 1) throw new Error(`The number of approvals must be between 1 and ${guardians.length + 1}, the number of guardians you will have.`);
    await addGuardian(session, identity, guardian.trim() as Address, threshold);
    setGuardian('');
    onChange();
    return `Added. ${approvalRule(threshold, guardians.length + 1)} a recovery from now on.`;
  });
  const remove = (g: Address) => action.run(async () => {
    const left = guardians.length - 1;
    await removeGuardian(session, identity, g, Math.min(current, left));
    onChange();
    return left === 0 ? 'Removed. You have no guardians now: if you lose your key, no one can recover your identity.' : 'Removed.';
  });
  const cancel = () => action.run(async () => {
    await cancelRecovery(session, identity);
    onChange();
    return 'Cancelled. Your identity stays with this key.';
  });
  return (
    <section aria-labelledby="guardians-heading" className="card">
      <h2 id="guardians-heading">Guardians and recovery</h2>
      {guardians.length === 0 ? (
        <p>You have no guardians. If you lose your key, no one can move your identity to a new one. Add people you trust: family, a notary, your bank.</p>
      ) : (
        <>
          <p>{approvalRule(current, guardians.length)} before your identity can move to a new key.</p>
          <ul className="plain">
            {guardians.map((g) => (
              <li key={g}><code>{g}</code>{' '}
                <button type="button" className="secondary" disabled={action.busy} onClick={() => void remove(g)}>Remove {shortAddress(g)}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {pending.map((r) => <PendingRecovery key={String(r.recoveryId)} recovery={r} threshold={current} busy={action.busy} onCancel={() => void cancel()} />)}
      <form onSubmit={(e) => (e.preventDefault(), void add())}>
        <label htmlFor="guardian-address">Add a guardian (their address)</label>
        <input id="guardian-address" value={guardian} onChange={(e) => setGuardian(e.target.value)} placeholder="0x…" autoComplete="off" />
        <label htmlFor="guardian-threshold">Approvals a recovery will need</label>
        <input id="guardian-threshold" type="number" min={1} max={guardians.length + 1} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        <button type="submit" disabled={action.busy}>Add guardian</button>
      </form>
      <ActionStatus {...action} />
    </section>
  );
}

function PendingRecovery({ recovery, threshold, busy, onCancel }: { recovery: Recovery; threshold: number; busy: boolean; onCancel: () => void }) {
  const now = useNow();
  const approved = recovery.approvals.length >= threshold && recovery.readyAt > 0;
  return (
    <div className="warning" role="status">
      <h3>A recovery of your identity is under way</h3>
      <p>
        It would move your identity to key <code>{recovery.newKey}</code>. {recovery.approvals.length} of {threshold} guardian approval{threshold === 1 ? '' : 's'} so far.{' '}
        {approved
          ? recovery.readyAt > now
            ? `It can be completed on ${when(recovery.readyAt)}, in ${remaining(recovery.readyAt - now)}. Until then you can cancel it.`
            : 'Its waiting time is over: it can be completed now, unless you cancel it.'
          : 'The waiting time starts once enough guardians approve.'}
      </p>
      <p>If you did not ask for this, cancel it now: you still hold your key.</p>
      <button type="button" className="danger" disabled={busy} onClick={onCancel}>Cancel this recovery</button>
    </div>
  );
}

/** As a guardian: approve, then complete, a recovery someone asked you for. */
export function HelpRecover({ session }: { session: Session }) {
  const [identity, setIdentity] = useState('');
  const [newKey, setNewKey] = useState('');
  const action = useAction();
  const check = () => {
    if (!isAddress(identity) || !isAddress(newKey)) throw new Error('Both are addresses (0x followed by 40 hexadecimal characters). The person you help gives you their identity\'s address and their new key\'s.');
  };
  const approve = () => action.run(async () => {
    check();
    await approveRecovery(session, identity.trim() as Address, newKey.trim() as Address);
    return 'Approved. Once enough guardians approve and the waiting time has passed, the recovery can be completed here.';
  });
  const finalize = () => action.run(async () => {
    check();
    await finalizeRecovery(session, identity.trim() as Address, newKey.trim() as Address);
    return 'Completed: the identity now answers to its new key.';
  });
  return (
    <section aria-labelledby="help-heading" className="card">
      <h2 id="help-heading">Help someone recover their identity</h2>
      <p>If you are someone's guardian and they lost their key, confirm it is really them (in person or by phone), then approve here.</p>
      <label htmlFor="help-identity">Their identity's address</label>
      <input id="help-identity" value={identity} onChange={(e) => setIdentity(e.target.value)} placeholder="0x…" autoComplete="off" />
      <label htmlFor="help-new-key">Their new key's address</label>
      <input id="help-new-key" value={newKey} onChange={(e) => setNewKey(e.target.value)} placeholder="0x…" autoComplete="off" />
      <button type="button" disabled={action.busy} onClick={() => void approve()}>Approve the recovery</button>
      <button type="button" className="secondary" disabled={action.busy} onClick={() => void finalize()}>Complete it</button>
      <ActionStatus {...action} />
    </section>
  );
}

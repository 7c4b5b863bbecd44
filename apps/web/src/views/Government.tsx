import { useState } from 'react';
import type { Address } from 'viem';
import { useAction } from '../hooks/useAction.js';
import { authorityWrite, BUILT_IN_TYPES, fetchEntity } from '../service/authority.js';
import type { Session } from '../service/session.js';
import { KIND_WORDS } from '../words.js';
import { ActionStatus } from './ActionStatus.js';
import { RegistrationTree } from './RegistrationTree.js';
import { SignedIn } from './SignedIn.js';

const KINDS = ['Person', 'Organization', 'Issuer', 'Government', 'Admin'] as const;
const isAddress = (a: string) => /^0x[0-9a-fA-F]{40}$/.test(a.trim());

/** A government's office: register entities, change their standing, accredit issuers. */
export function Government() {
  return (
    <>
      <h1>Registry office</h1>
      <SignedIn>{(session) => <Office session={session} />}</SignedIn>
    </>
  );
}

function Office({ session }: { session: Session }) {
  // Bumped after each change this office makes, so the registration tree is read again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <Register session={session} onRegistered={changed} />
      <RegistrationTree session={session} version={version} />
      <Standing session={session} onChanged={changed} />
      <Accredit session={session} onChanged={changed} />
    </>
  );
}

function Register({ session, onRegistered }: { session: Session; onRegistered: () => void }) {
  const [entity, setEntity] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('Person');
  const action = useAction();
  const submit = () =>
    action.run(async () => {
      if (!isAddress(entity)) throw new Error('The address is 0x followed by 40 hexadecimal characters: copy it from the person\'s or organization\'s wallet.');
      const answer = await authorityWrite(session, 'register-entity', { entity: entity.trim(), kind });
      onRegistered();
      return answer.status === 'confirmed' ? `Registered: they are now ${KIND_WORDS[kind]}, and their identity token is issued.` : 'Sent. The registration is waiting to be confirmed on chain.';
    });
  return (
    <section aria-labelledby="register-heading" className="card">
      <h2 id="register-heading">Register an entity</h2>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label htmlFor="register-address">Their address</label>
        <input id="register-address" value={entity} onChange={(e) => setEntity(e.target.value)} placeholder="0x…" autoComplete="off" />
        <label htmlFor="register-kind">What they are</label>
        <select id="register-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <button type="submit" disabled={action.busy}>Register</button>
      </form>
      <ActionStatus {...action} />
    </section>
  );
}

function Standing({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const [entity, setEntity] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction();
  const change = (write: 'suspend-entity' | 'reinstate-entity' | 'revoke-entity', done: string) =>
    action.run(async () => {
      if (!isAddress(entity)) throw new Error('Enter the entity\'s address first (0x followed by 40 hexadecimal characters).');
      await authorityWrite(session, write, { entity: entity.trim() });
      setStatus((await fetchEntity(entity.trim() as Address)).status);
      onChanged();
      return done;
    });
  const look = () => action.run(async () => {
    const e = await fetchEntity(entity.trim() as Address);
    setStatus(e.status);
    return `${KIND_WORDS[e.kind] ?? e.kind}, currently ${e.status.toLowerCase()}.`;
  });
  return (
    <section aria-labelledby="standing-heading" className="card">
      <h2 id="standing-heading">Suspend, reinstate or revoke</h2>
      <label htmlFor="standing-address">Entity address</label>
      <input id="standing-address" value={entity} onChange={(e) => setEntity(e.target.value)} placeholder="0x…" autoComplete="off" />
      <button type="button" className="secondary" disabled={action.busy} onClick={() => void look()}>Look up</button>
      <button type="button" disabled={action.busy || status === 'Suspended'} onClick={() => void change('suspend-entity', 'Suspended. Their credentials stop verifying until you reinstate them.')}>Suspend</button>
      <button type="button" disabled={action.busy || status !== 'Suspended'} onClick={() => void change('reinstate-entity', 'Reinstated.')}>Reinstate</button>
      <button type="button" className="danger" disabled={action.busy} onClick={() => void change('revoke-entity', 'Revoked. This cannot be undone.')}>Revoke for good</button>
      <ActionStatus {...action} />
    </section>
  );
}

function Accredit({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const [issuer, setIssuer] = useState('');
  const [type, setType] = useState<number>(2);
  const action = useAction();
  const name = BUILT_IN_TYPES.find((t) => t.id === type)?.name ?? `type ${type}`;
  const accredit = (write: 'accredit-issuer' | 'revoke-accreditation') =>
    action.run(async () => {
      if (!isAddress(issuer)) throw new Error('Enter the issuer\'s address (0x followed by 40 hexadecimal characters).');
      await authorityWrite(session, write, { issuer: issuer.trim(), credentialType: type });
      onChanged();
      return write === 'accredit-issuer' ? `Accredited for ${name}: its ${name} credentials are government-certified from now on.` : `Accreditation for ${name} revoked.`;
    });
  return (
    <section aria-labelledby="accredit-heading" className="card">
      <h2 id="accredit-heading">Accredit an issuer</h2>
      <label htmlFor="accredit-address">Issuer address</label>
      <input id="accredit-address" value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="0x…" autoComplete="off" />
      <label htmlFor="accredit-type">For credentials of type</label>
      <select id="accredit-type" value={type} onChange={(e) => setType(Number(e.target.value))}>
        {BUILT_IN_TYPES.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </select>
      <button type="button" disabled={action.busy} onClick={() => void accredit('accredit-issuer')}>Accredit</button>
      <button type="button" className="secondary" disabled={action.busy} onClick={() => void accredit('revoke-accreditation')}>Revoke accreditation</button>
      <ActionStatus {...action} />
    </section>
  );
}

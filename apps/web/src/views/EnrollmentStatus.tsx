import '../nodeGlobals.js';
import { useRef, useState } from 'react';
import type { Hash } from 'viem';
import { useAsync } from '../hooks/useAsync.js';
import { attestEnrollment, fetchEnrollmentProof, type EnrollmentProof } from '../service/enrollment.js';
import type { Session } from '../service/session.js';
import { enrollmentErrorWords, ENROLLMENT_STATUS_WORDS, FIELD_OUTCOME_WORDS, shortAddress } from '../words.js';
import { SignedIn } from './SignedIn.js';

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * One enrollment's standing: each field's outcome on chain, and, once every field passed, the identity
 * provider's attestation. Hashes only, as the proof route answers them: no text and no crop.
 */
export function EnrollmentStatus({ enrollment }: { enrollment: string }) {
  return (
    <>
      <h1>Enrollment status</h1>
      <SignedIn>{(session) => <Lookup session={session} initial={enrollment} />}</SignedIn>
    </>
  );
}

function Lookup({ session, initial }: { session: Session; initial: string }) {
  const [typed, setTyped] = useState(initial);
  const [enrollment, setEnrollment] = useState<Hash | null>(HEX32.test(initial) ? (initial as Hash) : null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = () => {
    const id = typed.trim();
    if (!HEX32.test(id)) return setProblem('An enrollment number is 0x followed by 64 hexadecimal characters.');
    setProblem(null);
    setEnrollment(id as Hash);
  };
  return (
    <>
      <form className="card" onSubmit={(e) => (e.preventDefault(), open())}>
        <label>
          Enrollment number
          <input value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit">Show its status</button>
        {problem && <p role="alert" className="error">{problem}</p>}
      </form>
      {enrollment ? <Standing key={enrollment} session={session} enrollment={enrollment} /> : <p className="card">No enrollment opened yet.</p>}
    </>
  );
}

function Standing({ session, enrollment }: { session: Session; enrollment: Hash }) {
  const [checked, setChecked] = useState(0);
  const proof = useAsync(() => fetchEnrollmentProof(session, enrollment), [enrollment, checked]);
  // Kept while it is read again, so the provider's form (and what it said) stays on the page.
  const last = useRef<EnrollmentProof | null>(null);
  if (proof.status === 'ready') last.current = proof.value;
  if (!last.current && proof.status === 'loading') return <p role="status">Reading the enrollment from the chain…</p>;
  if (!last.current && proof.status === 'error') return <p role="alert" className="error">{enrollmentErrorWords(proof.error)}</p>;
  const { status, fields } = last.current!;
  const allPassed = fields.length > 0 && fields.every((f) => f.outcome === 'Confirmed');
  return (
    <>
      <section className="card" aria-labelledby="standing-heading">
        <h2 id="standing-heading">Where it stands</h2>
        <p role="status">Status: {ENROLLMENT_STATUS_WORDS[status] ?? status}.</p>
        <table>
          <caption>{fields.filter((f) => f.outcome === 'Confirmed').length} of {fields.length} fields passed</caption>
          <thead><tr><th scope="col">Field</th><th scope="col">Outcome</th></tr></thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.field}><th scope="row">Field {f.field + 1}</th><td>{FIELD_OUTCOME_WORDS[f.outcome] ?? f.outcome}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      {status === 'Open' && <Attest session={session} enrollment={enrollment} allPassed={allPassed} onChanged={() => setChecked((n) => n + 1)} />}
    </>
  );
}

/**
 * The verifiers' answers wait at the service until the provider attests: the attestation records them
 * first, so a field can pass in the same transaction. Until every field has passed on chain, the button
 * records the answers and says which field still needs more.
 */
function Attest({ session, enrollment, allPassed, onChanged }: { session: Session; enrollment: Hash; allPassed: boolean; onChanged: () => void }) {
  const [commitment, setCommitment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const attest = async () => {
    const value = commitment.trim();
    if (!HEX32.test(value)) return setProblem('A credential commitment is 0x followed by 64 hexadecimal characters; copy it from the credential you anchored.');
    setBusy(true);
    setProblem(null);
    try {
      await attestEnrollment(session, enrollment, value as Hash);
      onChanged();
    } catch (e) {
      const code = (e as { code?: string }).code;
      // The answers were recorded even so: the outcomes above have moved.
      if (code === 'not_enrolled') onChanged();
      const refused = code === 'forbidden';
      setProblem(refused
        ? `Only the identity provider that runs this service can attest enrollments. You are signed in as ${shortAddress(session.signer.address)}, which is not it; nothing was recorded.`
        : enrollmentErrorWords(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="attest-heading">
      <h2 id="attest-heading">{allPassed ? 'Every field passed' : 'Attest once every field passes'}</h2>
      <p>As the identity provider, attest this enrollment with the credential you anchored for the enrollee: the credential then leads back to this enrollment and its confirmations.</p>
      {!allPassed && <p>The verifiers' answers this service holds are recorded on chain when you attest; if a field still needs answers, you are told which, and nothing is attested.</p>}
      <form onSubmit={(e) => (e.preventDefault(), void attest())}>
        <label>
          Commitment of the credential you anchored for the enrollee
          <input value={commitment} onChange={(e) => setCommitment(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" disabled={busy}>Attest this enrollment</button>
      </form>
      {busy && <p role="status">Attesting…</p>}
      {problem && <p role="alert" className="error">{problem}</p>}
    </section>
  );
}

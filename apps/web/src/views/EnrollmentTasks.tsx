import '../nodeGlobals.js';
import { useState } from 'react';
import type { Hash } from 'viem';
import { useAsync } from '../hooks/useAsync.js';
import { answerTask, fetchVerifierTasks, type VerifierTask, type VerifierTasks } from '../service/enrollment.js';
import type { Session } from '../service/session.js';
import { enrollmentErrorWords, fieldLabel, shortAddress } from '../words.js';
import { SignedIn } from './SignedIn.js';

const ENROLLMENT_ID = /^0x[0-9a-fA-F]{64}$/;

/** An accredited verifier's desk: the fields of one enrollment assigned to it, never the whole document. */
export function EnrollmentTasks({ enrollment }: { enrollment: string }) {
  return (
    <>
      <h1>Check document fields</h1>
      <SignedIn>{(session) => <Desk session={session} initial={enrollment} />}</SignedIn>
    </>
  );
}

function Desk({ session, initial }: { session: Session; initial: string }) {
  const [typed, setTyped] = useState(initial);
  const [enrollment, setEnrollment] = useState<Hash | null>(ENROLLMENT_ID.test(initial) ? (initial as Hash) : null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = () => {
    const id = typed.trim();
    if (!ENROLLMENT_ID.test(id)) return setProblem('An enrollment number is 0x followed by 64 hexadecimal characters; copy it from the task you received.');
    setProblem(null);
    setEnrollment(id as Hash);
  };
  return (
    <>
      <p className="lead">Signed in as verifier {shortAddress(session.signer.address)}. You see only the fields the registry drew for you, one crop and its reading each.</p>
      <form className="card" onSubmit={(e) => (e.preventDefault(), open())}>
        <label>
          Enrollment number
          <input value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit">Show my fields</button>
        {problem && <p role="alert" className="error">{problem}</p>}
      </form>
      {enrollment ? <Tasks key={enrollment} session={session} enrollment={enrollment} /> : <p className="card">No enrollment opened yet. Enter the number of an enrollment you were assigned to.</p>}
    </>
  );
}

function Tasks({ session, enrollment }: { session: Session; enrollment: Hash }) {
  const tasks = useAsync(() => fetchVerifierTasks(session, enrollment), [enrollment]);
  if (tasks.status === 'loading') return <p role="status">Fetching your fields…</p>;
  if (tasks.status === 'error') return <p role="alert" className="error">{enrollmentErrorWords(tasks.error)}</p>;
  if (tasks.value.tasks.length === 0) return <p className="card">No field of this enrollment is assigned to you. Nothing to check here.</p>;
  return (
    <>
      {tasks.value.tasks.map((t) => <Task key={`${t.field}-${t.slot}`} session={session} enrollment={enrollment} of={tasks.value} task={t} />)}
    </>
  );
}

function Task({ session, enrollment, of, task }: { session: Session; enrollment: Hash; of: VerifierTasks; task: VerifierTask }) {
  const [correcting, setCorrecting] = useState(false);
  const [corrected, setCorrected] = useState(task.text);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = `task-${task.field}-${task.slot}`;
  const label = fieldLabel(task.name);
  const send = async (correctedText?: string) => {
    setBusy(true);
    setError(null);
    try {
      await answerTask(session, { enrollment, of, task, correctedText });
      setDone(correctedText === undefined ? 'Confirmed and signed. Thank you.' : `Correction signed and sent: “${correctedText.trim()}”.`);
    } catch (e) {
      setError(enrollmentErrorWords(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{label}</h2>
      <img src={`data:image/png;base64,${task.crop}`} alt={`The ${label.toLowerCase()} field as photographed`} />
      <p>Read as: <strong>{task.text || '(nothing read)'}</strong></p>
      {done ? <p role="status" className="done">{done}</p> : (
        <>
          <p>Does the text match the picture exactly?</p>
          <button type="button" disabled={busy} onClick={() => void send()}>Yes, it matches</button>{' '}
          <button type="button" disabled={busy} onClick={() => setCorrecting(true)}>No, correct it</button>
          {correcting && (
            <form onSubmit={(e) => (e.preventDefault(), void send(corrected))}>
              <label>
                What the picture says
                <input value={corrected} onChange={(e) => setCorrected(e.target.value)} />
              </label>
              <button type="submit" disabled={busy || corrected.trim() === ''}>Sign my correction</button>
            </form>
          )}
        </>
      )}
      {busy && <p role="status">Signing in this page and sending…</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

import { useState } from 'react';
import { useAsync } from '../hooks/useAsync.js';
import { DOCUMENT_TEMPLATES, fetchEnrollmentProof, recordEnrollment, submitDocument, type SubmittedDocument } from '../service/enrollment.js';
import type { Session } from '../service/session.js';
import { enrollmentErrorWords, ENROLLMENT_STATUS_WORDS, fieldLabel } from '../words.js';

/**
 * "Enroll an identity document": the photo goes to the enrollment service, which reads each field;
 * the page shows what was read and where the enrollment stands. Verifiers later see single fields only.
 */
export function EnrollDocument({ session }: { session: Session }) {
  const [template, setTemplate] = useState<string>(DOCUMENT_TEMPLATES[0].id);
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<SubmittedDocument | null>(null);

  const send = async () => {
    if (!photo) return setError('Choose a photo of your document first.');
    setBusy(true);
    setError(null);
    setSubmitted(null);
    try {
      setSubmitted(await submitDocument(session, template, photo));
    } catch (e) {
      setError(enrollmentErrorWords(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="enroll-heading" className="card">
      <h2 id="enroll-heading">Enroll an identity document</h2>
      <p>
        Photograph your document. Identree reads each field; independent verifiers then each check one or two fields, never the whole document, and the chain
        keeps only fingerprints of what was read.
      </p>
      <form onSubmit={(e) => (e.preventDefault(), void send())}>
        <label>
          Kind of document
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            {DOCUMENT_TEMPLATES.map((t) => <option key={t.id} value={t.id}>{t.words}</option>)}
          </select>
        </label>
        <label>
          Photo of the document (PNG or JPEG)
          <input type="file" accept="image/png,image/jpeg" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={busy}>Read my document</button>
      </form>
      {busy && <p role="status">Reading your document… this takes a few seconds.</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {submitted && <ReadFields session={session} submitted={submitted} />}
    </section>
  );
}

function ReadFields({ session, submitted }: { session: Session; submitted: SubmittedDocument }) {
  const [checked, setChecked] = useState(0);
  const proof = useAsync(() => fetchEnrollmentProof(session, submitted.enrollment), [submitted.enrollment, checked]);
  const [recording, setRecording] = useState<'idle' | 'signing' | 'recorded' | 'pending'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const recorded = proof.status === 'ready' || recording === 'recorded';

  const record = async () => {
    setRecording('signing');
    setProblem(null);
    try {
      const write = await recordEnrollment(session, submitted);
      setRecording(write.status === 'confirmed' ? 'recorded' : 'pending');
      setChecked((n) => n + 1);
    } catch (e) {
      setRecording('idle');
      setProblem(enrollmentErrorWords(e));
    }
  };

  return (
    <>
      <h3>What was read</h3>
      <table>
        <caption>{submitted.fieldCount} fields read from your photo</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Read as</th><th scope="col">Check</th></tr></thead>
        <tbody>
          {submitted.fields.map((f) => (
            <tr key={f.name}>
              <th scope="row">{fieldLabel(f.name)}</th>
              <td>{f.value || <em>nothing read</em>}</td>
              <td>{f.problems.length ? f.problems.join('; ') : 'Looks right'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">
        {proof.status === 'loading' && 'Checking where your enrollment stands…'}
        {proof.status === 'error' && 'Status: not recorded on chain yet.'}
        {proof.status === 'ready' && `Status: ${ENROLLMENT_STATUS_WORDS[proof.value.status] ?? proof.value.status}.`}
      </p>
      {!recorded && (
        <>
          <p>
            To send it to verifiers, record the document's fingerprint on chain (enrollment <code>{submitted.enrollment.slice(0, 10)}…</code>, fields root{' '}
            <code>{submitted.fieldsRoot.slice(0, 10)}…</code>). Your key signs it here; the service sends it and pays, so your key needs no ether.
          </p>
          <button type="button" onClick={() => void record()} disabled={recording !== 'idle'}>Sign and record it on chain</button>
        </>
      )}
      {recording === 'signing' && <p role="status">Signing and recording…</p>}
      {recording === 'pending' && <p role="status">Sent. The chain has not confirmed it yet; this page shows it once it has.</p>}
      {recording === 'recorded' && <p role="status">Recorded on chain. Verifiers are drawn from the next block; each sees one or two fields, never the whole document.</p>}
      {problem && <p role="alert" className="error">{problem}</p>}
      {recorded && <p><a href={`/app/enrollment?enrollment=${submitted.enrollment}`}>Follow this enrollment</a> as verifiers check its fields.</p>}
    </>
  );
}

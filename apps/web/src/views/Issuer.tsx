import '../nodeGlobals.js';
import { useState } from 'react';
import type { Address } from 'viem';
import { credentialSchemas } from '@identree/sdk';
import { useAction } from '../hooks/useAction.js';
import { useAsync } from '../hooks/useAsync.js';
import { issueCredential, type IssueResult } from '../service/issuance.js';
import { fetchHeldCredentials } from '../service/wallet.js';
import type { Session } from '../service/session.js';
import { ActionStatus } from './ActionStatus.js';
import { CsvIssuance } from './CsvIssuance.js';
import { SignedIn } from './SignedIn.js';

type FieldSchema = { readonly type?: string; readonly enum?: readonly string[]; readonly format?: string; readonly pattern?: string };
type TypeSchema = { readonly required?: readonly string[]; readonly properties?: Readonly<Record<string, FieldSchema>> };
const FORM_TYPES = ['ScholarCurriculum', 'BirthCertificate'] as const;
const LABELS: Record<string, string> = {
  studentId: 'Student number', program: 'Programme', institution: 'Institution', enrolledOn: 'Enrolled on', graduatedOn: 'Graduated on',
  givenName: 'Given name', fatherLastName: 'Father\'s last name', motherLastName: 'Mother\'s last name', birthDate: 'Date of birth', sex: 'Sex',
  municipality: 'Municipality', state: 'State', country: 'Country (two letters)',
};

/** An issuer's desk: issue a credential from a form built from its type's JSON Schema. */
export function Issuer() {
  return (
    <>
      <h1>Issue credentials</h1>
      <SignedIn>{(session) => (
        <>
          <Desk session={session} />
          <CsvIssuance session={session} types={FORM_TYPES} columns={(type) => Object.keys((credentialSchemas[type as (typeof FORM_TYPES)[number]] as TypeSchema).properties ?? {})} />
        </>
      )}</SignedIn>
    </>
  );
}

function Desk({ session }: { session: Session }) {
  const [type, setType] = useState<(typeof FORM_TYPES)[number]>('ScholarCurriculum');
  const [subject, setSubject] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssueResult | null>(null);
  const [source, setSource] = useState('');
  const validSubject = /^0x[0-9a-fA-F]{40}$/.test(subject.trim());
  // A curriculum derives from the holder's birth certificate (the paper's design): offer theirs.
  const needsSource = type === 'ScholarCurriculum';
  const births = useAsync(
    () => (needsSource && validSubject ? fetchHeldCredentials(subject.trim() as Address).then((r) => r.credentials.filter((c) => c.type === 'BirthCertificate' && c.valid)) : Promise.resolve([])),
    [needsSource, validSubject, subject],
  );
  const action = useAction();
  const schema = credentialSchemas[type] as TypeSchema;
  const fields = Object.entries(schema.properties ?? {});
  const submit = () =>
    action.run(async () => {
      if (!/^0x[0-9a-fA-F]{40}$/.test(subject.trim())) throw new Error('The holder\'s address is 0x followed by 40 hexadecimal characters.');
      const attributes = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      if (needsSource && !source) throw new Error('A curriculum is based on the holder\'s birth certificate: choose it above. If they have none, a government issues one first.');
      const result = await issueCredential(session, { type, subject: subject.trim() as Address, attributes, source: needsSource ? (source as `0x${string}`) : undefined });
      setIssued(result);
      return result.delivered ? `Issued and delivered to the holder's wallet, sealed to their key.` : 'Issued. The holder has not signed in yet, so give them the credential file below.';
    });
  return (
    <section aria-labelledby="issue-heading" className="card">
      <h2 id="issue-heading">Issue a credential</h2>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label htmlFor="issue-type">Credential</label>
        <select id="issue-type" value={type} onChange={(e) => (setType(e.target.value as (typeof FORM_TYPES)[number]), setValues({}))}>
          {FORM_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <label htmlFor="issue-subject">Holder's address</label>
        <input id="issue-subject" value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="0x…" autoComplete="off" />
        {needsSource && validSubject && births.status === 'ready' && (
          <>
            <label htmlFor="issue-source">Based on the holder's birth certificate</label>
            <select id="issue-source" value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">{births.value.length === 0 ? 'They have no valid birth certificate yet' : 'Choose…'}</option>
              {births.value.map((b) => <option key={b.uid} value={b.uid}>Birth certificate {b.uid.slice(0, 10)}…</option>)}
            </select>
          </>
        )}
        {fields.map(([name, field]) => (
          <div key={name}>
            <label htmlFor={`field-${name}`}>
              {LABELS[name] ?? name}
              {schema.required?.includes(name) ? '' : ' (optional)'}
            </label>
            {field.enum ? (
              <select id={`field-${name}`} value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })}>
                <option value="">Choose…</option>
                {field.enum.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            ) : (
              <input id={`field-${name}`} type={field.format === 'date' ? 'date' : 'text'} value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
            )}
          </div>
        ))}
        <button type="submit" disabled={action.busy}>Issue</button>
      </form>
      <ActionStatus {...action} />
      {issued && !issued.delivered && (
        <p>
          <a download={`credential-${issued.uid.slice(2, 10)}.json`} href={`data:application/json,${encodeURIComponent(JSON.stringify(issued.document, null, 2))}`}>Download the credential file for the holder</a>
          {issued.jwt && (
            <>
              {' '}and{' '}
              <a download={`credential-${issued.uid.slice(2, 10)}.jwt`} href={`data:application/vc+jwt,${encodeURIComponent(issued.jwt)}`}>its signed form</a>
              {' '}(vc+jwt), which verifiers outside Identree check.
            </>
          )}
          {issued.eip712 && (
            <>
              {' '}and{' '}
              <a download={`credential-${issued.uid.slice(2, 10)}.eip712.json`} href={`data:application/vc+ld+json,${encodeURIComponent(JSON.stringify(issued.eip712, null, 2))}`}>its signed form</a>
              {' '}(signed by your wallet, EIP-712), which verifiers outside Identree check.
            </>
          )}
        </p>
      )}
    </section>
  );
}

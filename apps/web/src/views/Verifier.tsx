import '../nodeGlobals.js';
import { useState } from 'react';
import { useAction } from '../hooks/useAction.js';
import { useAsync } from '../hooks/useAsync.js';
import { BUILT_IN_TYPES } from '../service/authority.js';
import { neededAttributes, walletLink, type CertificationLevel, type PresentationRequest } from '../service/presentationRequest.js';
import { fetchReceivedGrant, issueNonce, logAccessOnChain, readShared, verifyAnswer, type SharedRead, type Verdict } from '../service/verifier.js';
import type { Session } from '../service/session.js';
import { attributeWords, claimLabel, reasonWords, typeWords, valueWords } from '../verdictWords.js';
import { formatDate, LEVEL_WORDS, shortAddress } from '../words.js';
import { ActionStatus } from './ActionStatus.js';
import { RequestQrCode } from './RequestQrCode.js';
import { SignedIn } from './SignedIn.js';

const LEVELS = [
  { value: '', words: 'Any issuer' },
  { value: 'Accredited', words: 'Accredited issuers or better' },
  { value: 'GovernmentCertified', words: 'Government-certified only' },
] as const;
const PREDICATES = [
  { name: 'ageOver18', words: 'The holder is over 18' },
  { name: 'ageOver21', words: 'The holder is over 21' },
] as const;

/** A verifier's desk: ask a holder for proof, receive the answer, read the verdict in words. */
export function Verifier() {
  return (
    <>
      <h1>Check a credential</h1>
      <SignedIn>{(session) => <Desk session={session} />}</SignedIn>
    </>
  );
}

function Desk({ session }: { session: Session }) {
  const [request, setRequest] = useState<{ request: PresentationRequest; expiresAt: number } | null>(null);
  return (
    <>
      <p className="lead">Signed in as verifier {shortAddress(session.signer.address)}. Holders see the name you give below.</p>
      <CreateRequest session={session} onCreated={(r, expiresAt) => setRequest({ request: r, expiresAt })} />
      {request ? <ReceiveAnswer key={request.request.nonce} session={session} request={request.request} expiresAt={request.expiresAt} /> : (
        <p className="card">No request yet. Create one above, then show its code to the holder or send them its link.</p>
      )}
    </>
  );
}

function CreateRequest({ session, onCreated }: { session: Session; onCreated: (r: PresentationRequest, expiresAt: number) => void }) {
  const [audience, setAudience] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [attributes, setAttributes] = useState('');
  const [minLevel, setMinLevel] = useState<CertificationLevel | ''>('');
  const [predicates, setPredicates] = useState<string[]>([]);
  const [requireLinked, setRequireLinked] = useState(false);
  const action = useAction();
  const toggle = (list: string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const submit = () =>
    action.run(async () => {
      if (audience.trim() === '') throw new Error('Say who you are, as the holder will see it: your organization\'s name or web address.');
      const names = attributes.split(',').map((a) => a.trim()).filter(Boolean);
      if (names.length === 0 && predicates.length === 0) throw new Error('Ask for at least one attribute or one condition, so the holder knows what to share.');
      const { nonce, expiresAt } = await issueNonce(audience.trim());
      onCreated({
        audience: audience.trim(), nonce, attributes: names, types, values: Object.fromEntries(predicates.map((p) => [p, true])),
        minLevel: minLevel || undefined, requireLinked, verifier: session.signer.address,
      }, expiresAt);
      return `Request created. It can be answered once, until ${new Date(expiresAt * 1000).toLocaleTimeString('en-GB')}.`;
    });
  return (
    <section aria-labelledby="request-heading" className="card">
      <h2 id="request-heading">Ask a holder for proof</h2>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label htmlFor="request-audience">Who is asking (shown to the holder)</label>
        <input id="request-audience" value={audience} onChange={(e) => setAudience(e.target.value)} placeholder="e.g. Bank of Toluca, account opening" autoComplete="organization" />
        <fieldset>
          <legend>Credentials they must show (optional)</legend>
          {BUILT_IN_TYPES.map((t) => (
            <label key={t.id} className="choice">
              <input type="checkbox" checked={types.includes(t.name)} onChange={() => setTypes(toggle(types, t.name))} />
              {typeWords(t.name)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="request-attributes">Attributes to disclose, separated by commas</label>
        <input id="request-attributes" value={attributes} onChange={(e) => setAttributes(e.target.value)} placeholder="e.g. program, institution" autoComplete="off" />
        <fieldset>
          <legend>Conditions that must hold</legend>
          {PREDICATES.map((p) => (
            <label key={p.name} className="choice">
              <input type="checkbox" checked={predicates.includes(p.name)} onChange={() => setPredicates(toggle(predicates, p.name))} />
              {p.words}
            </label>
          ))}
          <label className="choice">
            <input type="checkbox" checked={requireLinked} onChange={() => setRequireLinked(!requireLinked)} />
            The credentials are linked into the holder's identity tree
          </label>
        </fieldset>
        <label htmlFor="request-level">Weakest issuer you accept</label>
        <select id="request-level" value={minLevel} onChange={(e) => setMinLevel(e.target.value as CertificationLevel | '')}>
          {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.words}</option>)}
        </select>
        <button type="submit" disabled={action.busy}>Create request</button>
      </form>
      <ActionStatus {...action} busy={false} />
      {action.busy && <p role="status">Asking the service for a fresh challenge…</p>}
    </section>
  );
}

function describeRequest(r: PresentationRequest): string {
  const parts = [
    ...r.types.map((t) => `their ${typeWords(t).toLowerCase()}`),
    ...r.attributes.map(attributeWords),
    ...Object.entries(r.values).map(([name, value]) => (value === true ? `proof of ${attributeWords(name).replace(/^whether they are/, 'being')}` : `${attributeWords(name)} equal to ${value}`)),
  ];
  const level = r.minLevel ? `, ${LEVEL_WORDS[r.minLevel] ?? r.minLevel}` : '';
  return `You ask for ${parts.join(', ')}${level}.`;
}

function ReceiveAnswer({ session, request, expiresAt }: { session: Session; request: PresentationRequest; expiresAt: number }) {
  const link = walletLink(window.location.origin, request);
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const action = useAction();
  const check = () =>
    action.run(async () => {
      if (text.trim() === '') throw new Error('Paste the presentation the holder\'s wallet gave them, or open the file they sent.');
      const v = await verifyAnswer(request, text);
      setVerdict(v);
      return v.valid ? 'Checked.' : 'Checked: it does not hold.';
    });
  const openFile = (file: File | undefined) => void file?.text().then(setText);
  return (
    <>
      <section aria-labelledby="share-heading" className="card">
        <h2 id="share-heading">Show this to the holder</h2>
        <p>{describeRequest(request)} Good for one answer until {new Date(expiresAt * 1000).toLocaleTimeString('en-GB')} today.</p>
        <RequestQrCode link={link} />
        <label htmlFor="request-link">Or send them this link</label>
        <input id="request-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link)}>Copy the link</button>
      </section>
      <section aria-labelledby="answer-heading" className="card">
        <h2 id="answer-heading">The holder's answer</h2>
        <form onSubmit={(e) => (e.preventDefault(), void check())}>
          <label htmlFor="answer-text">Paste the presentation they send you</label>
          <textarea id="answer-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder='{"type":"IdentreePresentation2026", …}' />
          <label htmlFor="answer-file">or open the file they sent</label>
          <input id="answer-file" type="file" accept="application/json,.json" onChange={(e) => openFile(e.target.files?.[0])} />
          <button type="submit" disabled={action.busy}>Check the presentation</button>
        </form>
        <ActionStatus {...action} busy={false} message={null} />
        {action.busy && <p role="status">Checking signatures, proofs and standing on chain…</p>}
        {verdict && <VerdictView session={session} verdict={verdict} />}
      </section>
    </>
  );
}

function VerdictView({ session, verdict }: { session: Session; verdict: Verdict }) {
  if (!verdict.valid) {
    return (
      <div className="verdict invalid" role="status">
        <h3>Not valid: do not rely on it</h3>
        <ul>
          {verdict.reasons.map((r, i) => (
            <li key={i}>
              {reasonWords(r.code, r.message)}
              <br /><small>{r.message}</small>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const weakest = verdict.credentials.some((c) => c.level === 'Uncertified') ? 'Uncertified' : verdict.credentials.some((c) => c.level === 'Accredited') ? 'Accredited' : 'GovernmentCertified';
  const headline = weakest === 'GovernmentCertified' ? 'Valid, government-certified' : weakest === 'Accredited' ? 'Valid, from accredited issuers' : 'Valid, but not certified';
  return (
    <div className="verdict valid" role="status">
      <h3>{headline}</h3>
      <p>Presented by identity {shortAddress(verdict.holder)}, signed with its current key, and checked on chain just now.</p>
      {verdict.credentials.map((c) => (
        <div key={c.uid}>
          <h4>{typeWords(c.type)}, {LEVEL_WORDS[c.level] ?? c.level}{c.linked ? ', linked in their identity tree' : ''}</h4>
          <dl>
            {Object.entries(c.disclosed).map(([name, value]) => (
              <div key={name} className="pair"><dt>{claimLabel(name)}</dt><dd>{valueWords(value)}</dd></div>
            ))}
          </dl>
          <ReadAgain session={session} holder={verdict.holder} uid={c.uid} />
          <LogAccess session={session} holder={verdict.holder} uid={c.uid} attributes={Object.keys(c.disclosed)} />
        </div>
      ))}
    </div>
  );
}

/** The holder may have let the verifier read the disclosures again; each read asks the chain. */
function ReadAgain({ session, holder, uid }: { session: Session; holder: `0x${string}`; uid: `0x${string}` }) {
  const [read, setRead] = useState<(SharedRead & { at: number }) | null>(null);
  const action = useAction();
  const ask = () => action.run(async () => {
    const r = await readShared(session, holder, uid);
    setRead({ ...r, at: Math.floor(Date.now() / 1000) });
    return r.ok ? 'Allowed.' : 'Refused.';
  });
  return (
    <>
      <button type="button" className="secondary" disabled={action.busy} onClick={() => void ask()}>Read their shared attributes again</button>
      {read?.ok && (
        <p className="done">Allowed at {new Date(read.at * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}: {Object.entries(read.disclosed).map(([k, v]) => `${claimLabel(k)}: ${valueWords(v)}`).join(', ')}.</p>
      )}
      {read && !read.ok && <p role="alert" className="error">Refused. {read.refusal}</p>}
      {action.busy && <p role="status">Asking the service, which checks the holder's permission on chain…</p>}
      {action.error && <p role="alert" className="error">{action.error}</p>}
    </>
  );
}

/**
 * Logging the access on chain, on the holder's access log, when the holder granted this verifier
 * lasting access: the entry then shows in the holder's timeline as covered by that grant. Without a
 * grant there is nothing to log it under, and the desk says so.
 */
function LogAccess({ session, holder, uid, attributes }: { session: Session; holder: `0x${string}`; uid: `0x${string}`; attributes: string[] }) {
  const grant = useAsync(() => fetchReceivedGrant(session, holder, uid), [session, holder, uid]);
  const action = useAction();
  const log = () => action.run(async () => {
    const answer = await logAccessOnChain(session, { holder, uid, attributes });
    if (answer.status !== 'confirmed') return 'Sent: the log entry is waiting to be confirmed on chain. It shows in the holder\'s access log within a minute.';
    return `Logged on chain at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}: the holder sees this access in their access log (transaction ${shortAddress(answer.transactionHash ?? '')}).`;
  });
  if (grant.status === 'loading') return <p role="status">Checking whether the holder gave you lasting access…</p>;
  if (grant.status === 'error') return <p role="alert" className="error">Could not check your access: {grant.error.message}</p>;
  if (!grant.value?.live) {
    return <p>The holder gave you no lasting access to this credential, so this check is not logged on their access log. To keep access, ask them to allow it when they present.</p>;
  }
  return (
    <>
      <p>The holder lets you read this credential until {formatDate(grant.value.expiresAt)}. Record on their access log that you read it:</p>
      <button type="button" disabled={action.busy || action.message !== null} onClick={() => void log()}>Log this access on chain</button>
      <ActionStatus {...action} />
    </>
  );
}

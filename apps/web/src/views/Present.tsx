import { useMemo, useState } from 'react';
import type { Presentation } from '@identree/sdk';
import { useAction } from '../hooks/useAction.js';
import { useAsync } from '../hooks/useAsync.js';
import { neededAttributes, parseRequest, type PresentationRequest } from '../service/presentationRequest.js';
import { openMyCredentials, present, type HeldDocument } from '../service/presenting.js';
import type { Session } from '../service/session.js';
import { attributeWords, claimLabel, typeWords, valueWords } from '../verdictWords.js';
import { LEVEL_WORDS, shortAddress } from '../words.js';

type Ticks = Record<string, string[]>;
const attributesOf = (d: HeldDocument) => Object.keys(d.credential.credentialSubject).filter((k) => k !== 'id');
const typeOf = (d: HeldDocument) => d.credential.type[1] ?? 'Credential';

/** Answers a verifier's request: open it, tick what to disclose, read what the verifier will learn, sign, send. */
export function Present({ session, initialLink, onPresented }: { session: Session; initialLink: string; onPresented: () => void }) {
  const [link, setLink] = useState(initialLink);
  const [opened, setOpened] = useState<string>(initialLink);
  const parsed = useMemo(() => {
    if (opened.trim() === '') return null;
    try {
      return { request: parseRequest(opened) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [opened]);
  return (
    <section aria-labelledby="present-heading" className="card">
      <h2 id="present-heading">Answer a verifier's request</h2>
      <form onSubmit={(e) => (e.preventDefault(), setOpened(link))}>
        <label htmlFor="present-link">Request link from the verifier</label>
        <input id="present-link" value={link} onChange={(e) => setLink(e.target.value)} placeholder="identree:present?… or the link you were sent" autoComplete="off" />
        <button type="submit" className="secondary">Open the request</button>
      </form>
      {!parsed && <p>When a bank, an employer or a site asks you for proof, paste its link here, or scan its code with this wallet. You choose what it learns.</p>}
      {parsed?.error && <p role="alert" className="error">{parsed.error}</p>}
      {parsed?.request && <Answer key={parsed.request.nonce} session={session} request={parsed.request} onPresented={onPresented} />}
    </section>
  );
}

function Answer({ session, request, onPresented }: { session: Session; request: PresentationRequest; onPresented: () => void }) {
  const held = useAsync(() => openMyCredentials(session), [session]);
  if (held.status === 'loading') return <p role="status">Opening your credentials with your key, in this page…</p>;
  if (held.status === 'error') return <p role="alert" className="error">{held.error.message}</p>;
  if (held.value.documents.length === 0) {
    return <p>No issuer has delivered a credential to this wallet yet, so there is nothing to show. Ask your registry office or school to issue one to your address.</p>;
  }
  return <Choose session={session} request={request} documents={held.value.documents} onPresented={onPresented} />;
}

const MIN_LEVEL_WORDS: Record<string, string> = {
  GovernmentCertified: 'Only from issuers certified by a government', Accredited: 'Only from accredited or government-certified issuers',
};

/** The request in plain lines: what to show, what it checks, from whom it accepts it. */
function asks(r: PresentationRequest): string[] {
  return [
    ...Object.entries(r.values).map(([name, value]) => (value === true && name.startsWith('ageOver') ? `Proof that you are over ${name.slice(7)} (it does not ask for your date of birth)` : `${claimLabel(name)}, which must be ${valueWords(value)}`)),
    ...r.attributes.filter((a) => !(a in r.values)).map((a) => `${claimLabel(a)}`),
    ...r.types.map((t) => `Taken from your ${typeWords(t).toLowerCase()}`),
    ...(r.minLevel ? [MIN_LEVEL_WORDS[r.minLevel] ?? `Only from issuers of level ${r.minLevel} or better`] : []),
    ...(r.requireLinked ? ['Only credentials linked into your identity tree'] : []),
  ];
}

/** First pass: each needed attribute ticked on the first credential that has it. */
function initialTicks(request: PresentationRequest, documents: HeldDocument[]): Ticks {
  const ticks: Ticks = {};
  for (const name of neededAttributes(request)) {
    const d = documents.find((x) => attributesOf(x).includes(name) && (request.types.length === 0 || request.types.includes(typeOf(x))))
      ?? documents.find((x) => attributesOf(x).includes(name));
    if (d) ticks[d.uid] = [...(ticks[d.uid] ?? []), name];
  }
  return ticks;
}

function Choose({ session, request, documents, onPresented }: { session: Session; request: PresentationRequest; documents: HeldDocument[]; onPresented: () => void }) {
  const [ticks, setTicks] = useState<Ticks>(() => initialTicks(request, documents));
  const [keepAccess, setKeepAccess] = useState(request.verifier !== undefined);
  const [presentation, setPresentation] = useState<Presentation | null>(null);
  const action = useAction();
  const needed = neededAttributes(request);
  const toggle = (uid: string, name: string) =>
    setTicks((t) => ({ ...t, [uid]: (t[uid] ?? []).includes(name) ? t[uid]!.filter((n) => n !== name) : [...(t[uid] ?? []), name] }));
  const shared = documents.flatMap((d) => (ticks[d.uid] ?? []).map((name) => ({ d, name })));
  const kept = documents.flatMap((d) => attributesOf(d).filter((name) => !(ticks[d.uid] ?? []).includes(name)).map((name) => ({ d, name })));
  const missing = needed.filter((name) => !shared.some((s) => s.name === name));
  const missingTypes = request.types.filter((t) => !shared.some((s) => typeOf(s.d) === t));
  const send = () =>
    action.run(async () => {
      const disclose = documents.map((d) => ({ credential: d.credential, attributes: ticks[d.uid] ?? [] }));
      const p = await present(session, { request, disclose, keepAccess });
      setPresentation(p);
      onPresented();
      return keepAccess && request.verifier
        ? `Signed. ${request.audience} can also read these attributes again for one day; revoke that below whenever you like.`
        : 'Signed. Give it to the verifier now: it is good for five minutes.';
    });
  return (
    <>
      <p><strong>{request.audience}</strong> asks you for:</p>
      <ul>
        {asks(request).map((line) => <li key={line}>{line}</li>)}
      </ul>
      {documents.map((d) => (
        <fieldset key={d.uid}>
          <legend>Your {typeWords(typeOf(d)).toLowerCase()}</legend>
          {attributesOf(d).map((name) => (
            <label key={name} className="choice">
              <input type="checkbox" checked={(ticks[d.uid] ?? []).includes(name)} onChange={() => toggle(d.uid, name)} />
              {claimLabel(name)}: {valueWords(d.credential.credentialSubject[name] as string | boolean)}
              {needed.includes(name) ? ' (asked for)' : ''}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="preview" aria-live="polite">
        <h3>What {request.audience} will learn</h3>
        {shared.length === 0 ? <p className="will">Nothing yet: tick what you want to share.</p> : (
          <ul className="will">
            {shared.map(({ d, name }) => <li key={`${d.uid}-${name}`}>{claimLabel(name)}: {valueWords(d.credential.credentialSubject[name] as string | boolean)} (from your {typeWords(typeOf(d)).toLowerCase()})</li>)}
            <li>Which kind of credential each one is, who issued it and how certified that issuer is</li>
            <li>Your identity's address, and that you signed this answer just now</li>
          </ul>
        )}
        <h3>What it will not learn</h3>
        <p className="will-not">{kept.length === 0 ? 'Nothing is held back.' : `${[...new Set(kept.map((k) => claimLabel(k.name)))].join(', ')}, and any credential you did not tick. The proof reveals only the ticked lines.`}</p>
        {(missing.length > 0 || missingTypes.length > 0) && (
          <p className="error">It asked for {[...missing.map(attributeWords), ...missingTypes.map((t) => `your ${typeWords(t).toLowerCase()}`)].join(', ')}, which you are not sharing: it will probably say no.</p>
        )}
      </div>
      {request.verifier && (
        <label className="choice">
          <input type="checkbox" checked={keepAccess} onChange={() => setKeepAccess(!keepAccess)} />
          Let {request.audience} (key {shortAddress(request.verifier)}) read these attributes again for one day; you can revoke this at any time
        </label>
      )}
      <button type="button" disabled={action.busy || shared.length === 0} onClick={() => void send()}>Sign and send</button>
      {action.busy && <p role="status">Signing in this page{keepAccess ? ', granting access on chain and sealing the attributes to the verifier\'s key' : ''}…</p>}
      {action.message && <p role="status" className="done">{action.message}</p>}
      {action.error && <p role="alert" className="error">{action.error}</p>}
      {presentation && <Handover presentation={presentation} audience={request.audience} />}
    </>
  );
}

/** The signed answer, for the verifier: copied, downloaded, or pasted on the verifier's screen. */
function Handover({ presentation, audience }: { presentation: Presentation; audience: string }) {
  const text = JSON.stringify(presentation);
  return (
    <>
      <label htmlFor="presentation-text">Your signed answer: give it to {audience}</label>
      <textarea id="presentation-text" readOnly rows={4} value={text} onFocus={(e) => e.target.select()} />
      <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(text)}>Copy</button>
      <a download="presentation.json" href={`data:application/json,${encodeURIComponent(text)}`}>Download it as a file</a>
    </>
  );
}

import { useState } from 'react';
import { issueRows, type RowOutcome } from '../service/bulkIssuance.js';
import { CsvError, parseCsv } from '../service/csv.js';
import type { Session } from '../service/session.js';
import { typeWords } from '../verdictWords.js';

/** Many credentials at once from a CSV file: one row each, with a progress bar and every row's outcome. */
export function CsvIssuance({ session, types, columns }: { session: Session; types: readonly string[]; columns: (type: string) => string[] }) {
  const [type, setType] = useState(types[0]!);
  const [rows, setRows] = useState<ReturnType<typeof parseCsv>['rows'] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<RowOutcome[]>([]);
  const [running, setRunning] = useState(false);
  const expected = ['holder', ...columns(type)];
  const read = async (file: File | undefined) => {
    setRows(null);
    setOutcomes([]);
    setFileError(null);
    if (!file) return;
    try {
      const parsed = parseCsv(await file.text());
      if (!parsed.header.includes('holder')) throw new CsvError(`The first line must name a holder column (the holder's address). Expected columns: ${expected.join(', ')}.`);
      const unknown = parsed.header.filter((h) => !expected.includes(h) && h !== 'source');
      if (unknown.length) throw new CsvError(`${typeWords(type)} has no ${unknown.join(', ')}. Its columns are: ${expected.join(', ')}.`);
      if (parsed.rows.length === 0) throw new CsvError('The file names its columns but has no rows below them.');
      setRows(parsed.rows);
    } catch (e) {
      setFileError((e as Error).message);
    }
  };
  const start = async () => {
    if (!rows) return;
    setRunning(true);
    setOutcomes([]);
    await issueRows(session, { type, rows, onProgress: (o) => setOutcomes((list) => [...list, o]) });
    setRunning(false);
  };
  const issued = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - issued;
  return (
    <section aria-labelledby="csv-heading" className="card">
      <h2 id="csv-heading">Issue many from a CSV file</h2>
      <p>One credential per line. The first line names the columns: {expected.map((c, i) => <span key={c}>{i > 0 && ', '}<code>{c}</code></span>)}{type === 'ScholarCurriculum' ? ', and optionally source (the birth certificate it is based on; otherwise the holder\'s own is used)' : ''}.</p>
      <label htmlFor="csv-type">Credential for every line</label>
      <select id="csv-type" value={type} disabled={running} onChange={(e) => (setType(e.target.value), setRows(null), setOutcomes([]))}>
        {types.map((t) => <option key={t} value={t}>{typeWords(t)}</option>)}
      </select>
      <label htmlFor="csv-file">CSV file</label>
      <input id="csv-file" type="file" accept=".csv,text/csv" disabled={running} onChange={(e) => void read(e.target.files?.[0])} />
      {fileError && <p role="alert" className="error">{fileError}</p>}
      {rows && <p>{rows.length} credential{rows.length === 1 ? '' : 's'} to issue. Each is signed here with your key and recorded on chain, one after another.</p>}
      <button type="button" disabled={!rows || running} onClick={() => void start()}>{rows ? `Issue ${rows.length} credential${rows.length === 1 ? '' : 's'}` : 'Choose a file first'}</button>
      {(running || outcomes.length > 0) && rows && (
        <>
          <label htmlFor="csv-progress">Progress</label>
          <progress id="csv-progress" max={rows.length} value={outcomes.length} />
          <p role="status">{running ? `Issued ${outcomes.length} of ${rows.length}…` : `Done: ${issued} issued${failed ? `, ${failed} not issued (see below; fix those lines and upload them again)` : ''}.`}</p>
          <ol className="outcomes">
            {outcomes.map((o) => (
              <li key={o.line} className={o.ok ? 'done' : 'error'}>
                Line {o.line}, {o.holder || 'no holder'}: {!o.ok ? `not issued: ${o.error}` : o.delivered ? 'issued and delivered' : (
                  <>issued; the holder has not signed in yet, so{' '}
                    <a download={`credential-${o.uid.slice(2, 10)}.json`} href={`data:application/json,${encodeURIComponent(JSON.stringify(o.document, null, 2))}`}>give them this file</a>
                    {o.jwt && (
                      <>{' '}and <a download={`credential-${o.uid.slice(2, 10)}.jwt`} href={`data:application/vc+jwt,${encodeURIComponent(o.jwt)}`}>its signed form</a></>
                    )}
                    {o.eip712 && (
                      <>{' '}and <a download={`credential-${o.uid.slice(2, 10)}.eip712.json`} href={`data:application/vc+ld+json,${encodeURIComponent(JSON.stringify(o.eip712))}`}>its signed form</a></>
                    )}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

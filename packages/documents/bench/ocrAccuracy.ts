// npm run bench:ocr [-- --count N --runs R --seed S --templates a,b]
// Draws N documents per corpus (templates in turn) from the seeded generator, reads each clean PNG and
// each degraded phone photo through the whole pipeline (find, straighten, crop, binarise, tesseract,
// normalise, validate, commit), and prints exact-match accuracy per field after normalisation beside
// the BDIMS paper's figures, whole-document accuracy, MRZ validity and seconds per document. Each run
// uses its own seed. The last line is one JSON object. `--templates` (default: all) narrows the corpus for
// quick iteration, with a seed of its own to tune on; reported figures use every template.
import { parseArgs } from 'node:util';
import { generateDocument } from '../src/corpus/generateDocument.js';
import { createTesseractRecogniser } from '../src/ocr/createTesseractRecogniser.js';
import { readDocument } from '../src/ocr/readDocument.js';
import { getTemplate, templateIds } from '../src/templates/getTemplate.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '60' }, runs: { type: 'string', default: '1' }, seed: { type: 'string', default: 'bench' }, templates: { type: 'string' } },
});
const count = Number(values.count), runs = Number(values.runs);
const chosen = values.templates?.split(',') ?? templateIds;
for (const id of chosen) getTemplate(id); // an unknown id fails here, naming the known ones
const bdims: Record<string, number> = {
  Name: 98.5, DateOfBirth: 98.2, Sex: 97.8, Region: 97.0, Address: 92.1, Status: 96.7, DateOfExpiration: 96.3, No: 97.4, DateOfBegin: 97.6, PeriodOfStay: 97.1,
};
type Corpus = 'clean' | 'degraded';
type Tally = { right: number; total: number };
const pct = (t: Tally) => (t.total ? (100 * t.right) / t.total : NaN);
const fmt = (n: number) => (Number.isNaN(n) ? '   -' : n.toFixed(1).padStart(5));

const recogniser = await createTesseractRecogniser();
type Summary = {
  run: number; seed: string; documentsPerCorpus: number; cleanMinFieldAccuracy: number; degradedMinFieldAccuracy: number;
  cleanDocumentAccuracy: number; degradedDocumentAccuracy: number; cleanMrzValidPercent: number; mrzValidPercent: number;
  secondsPerDocument: number; documentsNotFound: number;
};
const summaries: Summary[] = [];
for (let run = 1; run <= runs; run++) {
  const seed = `${values.seed}/run-${run}`;
  const fields = new Map<string, Record<Corpus, Tally>>();
  const documents = new Map<string, Record<Corpus, Tally>>();
  const mrz: Record<Corpus, Tally> = { clean: { right: 0, total: 0 }, degraded: { right: 0, total: 0 } };
  let readSeconds = 0, reads = 0, failures = 0;
  for (let i = 0; i < count; i++) {
    const templateId = chosen[i % chosen.length];
    const doc = generateDocument({ templateId, seed, index: i, degraded: true });
    for (const corpus of ['clean', 'degraded'] as const) {
      const started = performance.now();
      let read: Awaited<ReturnType<typeof readDocument>> | undefined;
      try {
        read = await readDocument({ image: corpus === 'clean' ? doc.clean : doc.degraded!, templateId, recogniser });
      } catch (error) {
        failures++; // a photo in which no document was found counts every field wrong
        console.error(`${doc.id} ${corpus}: ${(error as Error).message}`);
      }
      readSeconds += (performance.now() - started) / 1000;
      reads++;
      let allRight = true;
      for (const field of getTemplate(templateId).fields) {
        const key = `${templateId}/${field.name}`;
        if (!fields.has(key)) fields.set(key, { clean: { right: 0, total: 0 }, degraded: { right: 0, total: 0 } });
        const right = read?.fields.find((f) => f.name === field.name)?.value === doc.truth[field.name];
        const t = fields.get(key)![corpus];
        t.total++;
        if (right) t.right++; else allRight = false;
      }
      if (!documents.has(templateId)) documents.set(templateId, { clean: { right: 0, total: 0 }, degraded: { right: 0, total: 0 } });
      documents.get(templateId)![corpus].total++;
      if (allRight) documents.get(templateId)![corpus].right++;
      if (getTemplate(templateId).mrz) { mrz[corpus].total++; if (read?.mrz?.valid && read.mrz.mismatches.length === 0) mrz[corpus].right++; }
    }
  }
  console.log(`\nrun ${run} of ${runs}: seed "${seed}", ${count} clean + ${count} degraded documents (templates in turn)`);
  console.log(`${'template/field'.padEnd(34)} clean degraded  BDIMS`);
  for (const [key, t] of fields) {
    const name = key.split('/')[1];
    const paper = key.startsWith('residence-card/') ? fmt(bdims[name]) : '';
    console.log(`${key.padEnd(34)} ${fmt(pct(t.clean))}    ${fmt(pct(t.degraded))}  ${paper}`);
  }
  for (const [templateId, t] of documents) console.log(`${`${templateId} whole document`.padEnd(34)} ${fmt(pct(t.clean))}    ${fmt(pct(t.degraded))}`);
  console.log(`${'MRZ valid and agreeing'.padEnd(34)} ${fmt(pct(mrz.clean))}    ${fmt(pct(mrz.degraded))}`);
  const worst = (corpus: Corpus) => Math.min(...[...fields.values()].map((t) => pct(t[corpus])));
  const summary: Summary = {
    run, seed, documentsPerCorpus: count,
    cleanMinFieldAccuracy: Number(worst('clean').toFixed(1)),
    degradedMinFieldAccuracy: Number(worst('degraded').toFixed(1)),
    cleanDocumentAccuracy: Number(pct(sum([...documents.values()].map((t) => t.clean))).toFixed(1)),
    degradedDocumentAccuracy: Number(pct(sum([...documents.values()].map((t) => t.degraded))).toFixed(1)),
    cleanMrzValidPercent: Number(pct(mrz.clean).toFixed(1)),
    mrzValidPercent: Number(pct(mrz.degraded).toFixed(1)),
    secondsPerDocument: Number((readSeconds / reads).toFixed(3)),
    documentsNotFound: failures,
  };
  console.log(`seconds per document (read only, one OCR worker at a time): ${summary.secondsPerDocument}`);
  summaries.push(summary);
}
await recogniser.close();
const mean = (key: keyof Summary) => Number((summaries.reduce((s, x) => s + Number(x[key]), 0) / summaries.length).toFixed(3));
console.log(JSON.stringify({
  runs, documentsPerCorpus: count, ...(values.templates ? { templates: chosen } : {}),
  cleanMinFieldAccuracy: Math.min(...summaries.map((s) => s.cleanMinFieldAccuracy)),
  degradedMinFieldAccuracy: Math.min(...summaries.map((s) => s.degradedMinFieldAccuracy)),
  cleanDocumentAccuracy: mean('cleanDocumentAccuracy'),
  degradedDocumentAccuracy: mean('degradedDocumentAccuracy'),
  cleanMrzValidPercent: mean('cleanMrzValidPercent'),
  mrzValidPercent: mean('mrzValidPercent'),
  secondsPerDocument: mean('secondsPerDocument'),
  perRun: summaries,
}));

function sum(tallies: Tally[]): Tally {
  return tallies.reduce((a, t) => ({ right: a.right + t.right, total: a.total + t.total }), { right: 0, total: 0 });
}

// Writes the synthetic corpus: clean PNGs, their phone photos (JPEG 50) and a manifest with each
// document's ground truth. The same --seed always writes the same bytes.
//   npm run -w @identree/documents corpus -- --out corpus --count 200 --seed identree
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDocument } from '../src/corpus/generateDocument.js';
import { templateIds } from '../src/templates/getTemplate.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'corpus' },
    count: { type: 'string', default: '200' },
    seed: { type: 'string', default: 'identree' },
    templates: { type: 'string', default: templateIds.join(',') },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);
const templates = values.templates.split(',');
const out = path.resolve(values.out);
mkdirSync(path.join(out, 'clean'), { recursive: true });
mkdirSync(path.join(out, 'degraded'), { recursive: true });
const manifest = [];
const started = performance.now();
for (let i = 0; i < count; i++) {
  // Templates take turns, so every template has a third of the corpus.
  const doc = generateDocument({ templateId: templates[i % templates.length], seed: values.seed, index: i, degraded: true });
  writeFileSync(path.join(out, 'clean', `${doc.id}.png`), doc.clean);
  writeFileSync(path.join(out, 'degraded', `${doc.id}.jpg`), doc.degraded!);
  manifest.push({ id: doc.id, templateId: doc.templateId, clean: `clean/${doc.id}.png`, degraded: `degraded/${doc.id}.jpg`, truth: doc.truth, conditions: doc.conditions });
  if ((i + 1) % 50 === 0) console.error(`${i + 1}/${count}`);
}
writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify({ seed: values.seed, count, documents: manifest }, null, 2)}\n`);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ out, seed: values.seed, clean: count, degraded: count, seconds: Number(seconds.toFixed(1)) }));

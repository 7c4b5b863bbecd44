// npm run eval:face: genuine and impostor similarity distributions, a 1,000-step threshold sweep, the ROC
// (artifacts/face-roc.svg), the EER, FAR and FRR at the chosen threshold, and the same pairs after
// degradations, over every real face photo found offline in registry packages (eval/faceSources.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cosineSimilarity, decodeImage, DEFAULT_FACE_THRESHOLD, extractFace, MIN_FACE_PX } from '../src/exports/index.js';
import { createHumanEngine } from '../src/exports/human.js';
import { collectFacePhotos } from './faceSources.js';
import { rocSvg } from './rocSvg.js';

const NEAR_COPY = 0.97;
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const engine = await createHumanEngine({ maxFaces: 20 });
const photos = collectFacePhotos();

type Sample = { identity: string; source: string; crop: Buffer; embedding: Float32Array };
const samples: Sample[] = [];
let refused = 0;
for (const photo of photos) {
  const image = await decodeImage(readFileSync(photo.file));
  const faces = (await engine.observe(image)).filter((f) => f.box[2] >= MIN_FACE_PX).sort((a, b) => b.box[2] - a.box[2]);
  // a labelled portrait is its largest face; in a group photo every face is a different person
  const chosen = photo.identity ? faces.slice(0, 1) : faces;
  if (chosen.length === 0) refused++;
  for (const [i, face] of chosen.entries()) {
    const [bx, by, bw, bh] = face.box;
    const side = Math.round(Math.max(bw, bh) * 2);
    const left = Math.max(0, Math.round(bx + bw / 2 - side / 2));
    const top = Math.max(0, Math.round(by + bh / 2 - side / 2));
    const crop = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
      .extract({ left, top, width: Math.min(side, image.width - left), height: Math.min(side, image.height - top) })
      .png().toBuffer();
    try {
      const { embedding } = await extractFace({ engine, image: crop });
      samples.push({ identity: photo.identity ?? `${path.basename(photo.file)}#${i}`, source: photo.source, crop, embedding });
    } catch {
      refused++;
    }
  }
}

type Pair = { a: Sample; b: Sample; genuine: boolean; score: number };
const pairs: Pair[] = [];
let nearCopies = 0;
for (let i = 0; i < samples.length; i++) {
  for (let j = i + 1; j < samples.length; j++) {
    const score = cosineSimilarity(samples[i].embedding, samples[j].embedding);
    // the same photo shipped twice (or a crop of it) says nothing about recognition: left out, and counted
    if (score >= NEAR_COPY) {
      nearCopies++;
      continue;
    }
    pairs.push({ a: samples[i], b: samples[j], genuine: samples[i].identity === samples[j].identity, score });
  }
}

const sweep = (scores: { genuine: boolean; score: number }[]) => {
  const g = scores.filter((p) => p.genuine).map((p) => p.score);
  const im = scores.filter((p) => !p.genuine).map((p) => p.score);
  const at = (t: number) => ({ t, far: im.filter((s) => s >= t).length / (im.length || 1), frr: g.filter((s) => s < t).length / (g.length || 1) });
  const curve = Array.from({ length: 1000 }, (_, k) => at(k / 999));
  const eer = curve.reduce((best, p) => (Math.abs(p.far - p.frr) < Math.abs(best.far - best.frr) ? p : best));
  return { curve, eer, at, genuine: g.length, impostor: im.length };
};
const base = sweep(pairs);
const threshold = +base.eer.t.toFixed(3);
const chosen = base.at(threshold);
const atDefault = base.at(DEFAULT_FACE_THRESHOLD);
const identities = new Set(samples.map((s) => s.identity)).size;

const hist = (xs: number[]) => {
  const bins = Array(10).fill(0);
  for (const x of xs) bins[Math.min(9, Math.max(0, Math.floor(x * 10)))]++;
  return bins.map((n, i) => `${(i / 10).toFixed(1)}:${n}`).join(' ');
};
console.log('sources:');
for (const source of new Set(photos.map((p) => p.source))) {
  const s = photos.filter((p) => p.source === source);
  console.log(`  ${source} [${s[0].licence}]: ${s.length} photos, ${samples.filter((x) => x.source === source).length} faces`);
}
console.log(`faces: ${samples.length} from ${photos.length} photos (${refused} photos or faces refused), identities: ${identities}`);
console.log(`pairs: ${base.genuine} genuine, ${base.impostor} impostor (${nearCopies} near-copies at similarity ≥ ${NEAR_COPY} left out)`);
console.log('THE SET IS TINY: one identity (Obama) gives every genuine pair; these figures are a smoke test, not a FAR/FRR claim.');
console.log(`genuine similarity histogram   ${hist(pairs.filter((p) => p.genuine).map((p) => p.score))}`);
console.log(`impostor similarity histogram  ${hist(pairs.filter((p) => !p.genuine).map((p) => p.score))}`);
console.log(`genuine scores: ${pairs.filter((p) => p.genuine).map((p) => p.score.toFixed(3)).join(' ')}`);
console.log(`highest impostor score: ${Math.max(...pairs.filter((p) => !p.genuine).map((p) => p.score)).toFixed(3)}`);
console.log(`sweep: 1000 thresholds in [0, 1]; EER ${(base.eer.far * 100).toFixed(2)} % / ${(base.eer.frr * 100).toFixed(2)} % at ${threshold}`);
console.log(`chosen threshold ${threshold}: FAR ${(chosen.far * 100).toFixed(2)} %, FRR ${(chosen.frr * 100).toFixed(2)} %`);
console.log(`code default ${DEFAULT_FACE_THRESHOLD}: FAR ${(atDefault.far * 100).toFixed(2)} %, FRR ${(atDefault.frr * 100).toFixed(2)} %`);
console.log('paper (LFW, FaceNet512): accuracy 97.65 %, FAR 1.28 %, FRR 1.30 %');

// robustness: the second face of every pair degraded, the first kept as enrolled
const degradations: [string, (s: sharp.Sharp) => sharp.Sharp][] = [
  ['blur σ=2', (s) => s.blur(2)],
  ['dark ×0.5', (s) => s.modulate({ brightness: 0.5 })],
  ['bright ×1.6', (s) => s.modulate({ brightness: 1.6 })],
  ['JPEG q=15', (s) => s.jpeg({ quality: 15 })],
  ['rotated 10°', (s) => s.rotate(10, { background: '#808080' })],
  ['rotated -10°', (s) => s.rotate(-10, { background: '#808080' })],
];
console.log(`robustness at threshold ${threshold} (probe degraded, enrolled face clean):`);
for (const [name, degrade] of degradations) {
  const degraded = new Map<Sample, Float32Array | null>();
  for (const s of samples) {
    try {
      degraded.set(s, (await extractFace({ engine, image: await degrade(sharp(s.crop)).toBuffer() })).embedding);
    } catch {
      degraded.set(s, null);
    }
  }
  const scored = pairs.map((p) => ({ genuine: p.genuine, score: degraded.get(p.b) ? cosineSimilarity(p.a.embedding, degraded.get(p.b)!) : -1 }));
  const r = sweep(scored).at(threshold);
  const lost = [...degraded.values()].filter((e) => !e).length;
  console.log(`  ${name.padEnd(13)} FAR ${(r.far * 100).toFixed(2).padStart(6)} %  FRR ${(r.frr * 100).toFixed(2).padStart(6)} %  faces not found ${lost}/${samples.length}`);
}

mkdirSync(path.join(root, 'artifacts'), { recursive: true });
const svg = path.join(root, 'artifacts', 'face-roc.svg');
writeFileSync(svg, rocSvg(base.curve, base.eer, `faceres ROC: ${base.genuine} genuine / ${base.impostor} impostor pairs (tiny set)`));
console.log(`ROC written to ${path.relative(root, svg)}`);
await engine.dispose();
console.log(JSON.stringify({
  identities, genuinePairs: base.genuine, impostorPairs: base.impostor, eer: +base.eer.far.toFixed(4),
  far: +chosen.far.toFixed(4), frr: +chosen.frr.toFixed(4), threshold, nearCopiesLeftOut: nearCopies, faces: samples.length, tinySet: true,
}));

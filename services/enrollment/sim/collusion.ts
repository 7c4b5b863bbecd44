// npm run sim:collusion [-- --verifiers N --attempts A --out FILE.svg]   (the plot goes to artifacts/, ignored by git)
// How often a forged field is accepted when a share of the verifier pool colludes with the enrollee,
// three verifiers per field, with and without random assignment and reputation weighting. The model
// (all of it printed with the table):
// - A colluding enrollee submits a document with one forged field; colluding verifiers confirm it, honest
//   ones reject it. Honest documents move every verifier's reputation alike, so only forgeries are played.
// - Without random assignment the enrollee picks the panel, its colluders of most weight first; with it, `assignVerifiers`
//   draws the panel (k = 2 fields of a document per verifier, ten fields).
// - Quorum: the field passes on the first panel only if it is unanimous and the confirming weight reaches 2
//   (two full-weight verifiers). Otherwise three more verifiers are drawn (or picked), and the field passes
//   if the confirming weight reaches 2 and two thirds of the weight of all six.
// - Reputation (when on): starts at 1; agreeing with the outcome adds 0.05 (at most 1.5), disagreeing halves
//   it; one accepted forgery in five is found false later, and each verifier who confirmed it keeps a tenth
//   of its weight. Off: every weight stays 1.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { assignVerifiers } from '../src/assignment/assignVerifiers.js';
import { assignmentStream } from '../src/assignment/assignmentStream.js';

const { values } = parseArgs({
  options: { verifiers: { type: 'string', default: '100' }, attempts: { type: 'string', default: '1000' }, out: { type: 'string', default: 'artifacts/collusion.svg' } },
});
const poolSize = Number(values.verifiers), attempts = Number(values.attempts);
const hash = (text: string) => `0x${bytesToHex(sha256(utf8ToBytes(text)))}` as const;
const fields = ['Name', 'DateOfBirth', 'Sex', 'Region', 'Address', 'Status', 'DateOfExpiration', 'No', 'DateOfBegin', 'PeriodOfStay'];
const shares = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const settings = [
  { name: 'chosen, equal weights', random: false, reputation: false },
  { name: 'chosen, reputation', random: false, reputation: true },
  { name: 'random, equal weights', random: true, reputation: false },
  { name: 'random, reputation', random: true, reputation: true },
] as const;

function acceptedShare(share: number, random: boolean, reputation: boolean): number {
  const verifiers = Array.from({ length: poolSize }, (_, i) => `v${String(i).padStart(4, '0')}`);
  const colluding = new Set(verifiers.slice(0, Math.round(share * poolSize)));
  const weight = new Map(verifiers.map((v) => [v, 1]));
  let accepted = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const id = hash(`${share}/${random}/${reputation}/${attempt}`);
    const stream = assignmentStream(hash(`beacon/${id}`), id);
    const forged = fields[attempt % fields.length];
    const draw = (count: number, exclude: string[]): string[] => {
      if (!random) {
        // The enrollee's own choice: the colluders of most weight it can get, then whoever is left.
        const picks = [...colluding].filter((v) => !exclude.includes(v)).sort((a, b) => weight.get(b)! - weight.get(a)!);
        const rest = verifiers.filter((v) => !colluding.has(v) && !exclude.includes(v));
        return [...picks, ...rest].slice(0, count);
      }
      if (exclude.length === 0) return assignVerifiers({ enrollmentId: id, beacon: hash(`beacon/${id}`), fields, verifiers })[forged];
      const open = verifiers.filter((v) => !exclude.includes(v));
      return Array.from({ length: count }, () => open.splice(stream.below(open.length), 1)[0]);
    };
    const confirming = (panel: string[]) => panel.filter((v) => colluding.has(v)).reduce((s, v) => s + weight.get(v)!, 0);
    const total = (panel: string[]) => panel.reduce((s, v) => s + weight.get(v)!, 0);
    let panel = draw(3, []);
    let passes: boolean;
    if (panel.every((v) => colluding.has(v)) && confirming(panel) >= 2) passes = true;
    else {
      panel = [...panel, ...draw(3, panel)];
      passes = confirming(panel) >= 2 && confirming(panel) >= (2 / 3) * total(panel);
    }
    if (passes) accepted++;
    if (reputation) {
      for (const v of panel) {
        const agreed = colluding.has(v) === passes;
        weight.set(v, agreed ? Math.min(1.5, weight.get(v)! + 0.05) : weight.get(v)! / 2);
      }
      if (passes && stream.below(5) === 0) for (const v of panel) if (colluding.has(v)) weight.set(v, weight.get(v)! / 10);
    }
  }
  return (100 * accepted) / attempts;
}

const table = settings.map((s) => shares.map((share) => acceptedShare(share, s.random, s.reputation)));
console.log(`forged fields accepted (%), ${poolSize} verifiers, ${attempts} forgery attempts per cell, 3 verifiers per field`);
console.log(`${'colluding share'.padEnd(24)}${shares.map((s) => `${Math.round(s * 100)} %`.padStart(8)).join('')}`);
settings.forEach((s, i) => console.log(`${s.name.padEnd(24)}${table[i].map((p) => p.toFixed(1).padStart(8)).join('')}`));
mkdirSync(path.dirname(values.out), { recursive: true });
writeFileSync(values.out, plot(table));
console.log(JSON.stringify({
  verifiers: poolSize, attempts, shares,
  ...Object.fromEntries(settings.map((s, i) => [s.name.replace(/[ ,]+(\w)/g, (_, c: string) => c.toUpperCase()), table[i]])),
  plot: values.out,
}));

/** A plain SVG line chart: acceptance against colluding share, one line per setting. */
function plot(rows: number[][]): string {
  const [w, h, m] = [640, 400, 60];
  const x = (share: number) => m + (share / 0.5) * (w - 2 * m);
  const y = (percent: number) => h - m - (percent / 100) * (h - 2 * m);
  const colours = ['#b2182b', '#ef8a62', '#67a9cf', '#2166ac'];
  const lines = rows.map((row, i) => `<polyline fill="none" stroke="${colours[i]}" stroke-width="2" points="${row.map((p, j) => `${x(shares[j]).toFixed(1)},${y(p).toFixed(1)}`).join(' ')}"/>`
    + `<text x="${w - m - 150}" y="${m + 16 * i}" fill="${colours[i]}" font-size="12">${settings[i].name}</text>`);
  const ticks = shares.map((s) => `<text x="${x(s)}" y="${h - m + 18}" font-size="11" text-anchor="middle">${Math.round(s * 100)} %</text>`).join('')
    + [0, 25, 50, 75, 100].map((p) => `<text x="${m - 8}" y="${y(p) + 4}" font-size="11" text-anchor="end">${p}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">`
    + `<rect width="${w}" height="${h}" fill="white"/>`
    + `<line x1="${m}" y1="${h - m}" x2="${w - m}" y2="${h - m}" stroke="black"/><line x1="${m}" y1="${m}" x2="${m}" y2="${h - m}" stroke="black"/>`
    + `${ticks}<text x="${w / 2}" y="${h - 15}" font-size="12" text-anchor="middle">share of verifiers colluding</text>`
    + `<text x="15" y="${h / 2}" font-size="12" transform="rotate(-90 15 ${h / 2})" text-anchor="middle">forged fields accepted (%)</text>`
    + `${lines.join('')}</svg>\n`;
}

// npm run sim:collusion [-- --verifiers N --attempts A --out FILE.svg]   (the plot goes to artifacts/, ignored by git)
// How often a forged field is accepted when a share of the verifier pool colludes with the enrollee,
// three verifiers per field, with and without random assignment and reputation weighting. The model is
// forgeryRounds.ts's (its header is the whole of it).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { playForgeries } from './forgeryRounds.js';

const { values } = parseArgs({
  options: { verifiers: { type: 'string', default: '100' }, attempts: { type: 'string', default: '1000' }, out: { type: 'string', default: 'artifacts/collusion.svg' } },
});
const poolSize = Number(values.verifiers), attempts = Number(values.attempts);
const shares = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const settings = [
  { name: 'chosen, equal weights', random: false, reputation: false },
  { name: 'chosen, reputation', random: false, reputation: true },
  { name: 'random, equal weights', random: true, reputation: false },
  { name: 'random, reputation', random: true, reputation: true },
] as const;

const acceptedShare = (share: number, random: boolean, reputation: boolean) =>
  (100 * playForgeries({ poolSize, attempts, share, random, reputation }).rounds.filter((r) => r.passes).length) / attempts;

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

// npm run sim:incentives [-- --verifiers N --attempts A --effort C --penalty P --bribe B ...]
// The incentive model the BDIMS paper's future work asks for: what an answer is worth to an honest, a lazy and a
// colluding verifier, given rewards, a stake slashed on disagreement, bribes and OCR's error rate, and the
// smallest slash that makes honesty pay best. The forgeries are sim:collusion's game (forgeryRounds.ts); the money
// is incentiveModel.ts's. All amounts are in fees (one answer's reward at weight 1). A model only: the registry
// keeps reputation on chain but holds no stake and pays nobody.
import { parseArgs } from 'node:util';
import { playForgeries } from './forgeryRounds.js';
import { payoffsPerAnswer, penaltyToDeter, valueAt, type IncentiveParameters } from './incentiveModel.js';

const { values } = parseArgs({
  options: {
    verifiers: { type: 'string', default: '100' }, attempts: { type: 'string', default: '1000' },
    effort: { type: 'string', default: '0.3' }, penalty: { type: 'string', default: '15' }, 'found-false-penalty': { type: 'string', default: '30' },
    bribe: { type: 'string', default: '20' }, 'ocr-error': { type: 'string', default: '0.015' }, forged: { type: 'string', default: '0.01' },
    canaries: { type: 'string', default: '0' },
  },
});
const number = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number ≥ 0, got "${values[name]}"`);
  return n;
};
const poolSize = number('verifiers'), attempts = number('attempts');
const parameters: IncentiveParameters = {
  reward: 1, effort: number('effort'), penalty: number('penalty'), foundFalsePenalty: number('found-false-penalty'), bribe: number('bribe'),
  ocrErrorRate: number('ocr-error'), forgedShare: number('forged'), canaryShare: number('canaries'),
};
const shares = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const settings = [{ name: 'random, reputation', reputation: true }, { name: 'random, equal weights', reputation: false }];
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'never');

console.log(`per answer, in fees: reward 1 (× the verifier's weight on forged fields), effort ${parameters.effort}, slash ${parameters.penalty} for disagreeing with the outcome and ${parameters.foundFalsePenalty} more for a forgery found false,`);
console.log(`bribe ${parameters.bribe} per forged field passed; OCR misreads ${parameters.ocrErrorRate * 100} %, forged ${parameters.forgedShare * 100} %, canaries ${parameters.canaryShare * 100} % of tasks; ${poolSize} verifiers, ${attempts} forgeries, random assignment`);
const results = settings.map(({ name, reputation }) => {
  console.log(`\n${name}`);
  console.log(['colluding', 'forged passed', 'honest', 'lazy', 'colluding', 'slash to deter lazy', 'slash to deter collusion'].map((h, i) => (i ? h.padStart(i > 4 ? 26 : 14) : h.padEnd(10))).join(''));
  return shares.map((share) => {
    const game = playForgeries({ poolSize, attempts, share, random: true, reputation });
    const payoffs = payoffsPerAnswer(game, parameters);
    const row = {
      share,
      forgedPassedPercent: (100 * game.rounds.filter((r) => r.passes).length) / attempts,
      honest: valueAt(payoffs.honest, parameters.penalty),
      lazy: valueAt(payoffs.lazy, parameters.penalty),
      colluding: share ? valueAt(payoffs.colluding, parameters.penalty) : null,
      deterLazy: penaltyToDeter(payoffs, 'lazy'),
      deterCollusion: share ? penaltyToDeter(payoffs, 'colluding') : null,
    };
    console.log([
      `${share * 100} %`.padEnd(10), `${row.forgedPassedPercent.toFixed(1)} %`.padStart(14), fmt(row.honest).padStart(14), fmt(row.lazy).padStart(14),
      (row.colluding === null ? '–' : fmt(row.colluding)).padStart(14), fmt(row.deterLazy).padStart(26), (row.deterCollusion === null ? '–' : fmt(row.deterCollusion)).padStart(26),
    ].join(''));
    return row;
  });
});

// Canaries are the lever against laziness: its slash falls as wrong readings are shown more often.
const honestPool = playForgeries({ poolSize, attempts, share: 0, random: true, reputation: true });
const canaries = [0, 0.02, 0.05, 0.1].map((canaryShare) => ({ canaryShare, deterLazy: penaltyToDeter(payoffsPerAnswer(honestPool, { ...parameters, canaryShare }), 'lazy') }));
console.log(`\nslash that deters laziness, by share of canary tasks (no colluders): ${canaries.map((c) => `${c.canaryShare * 100} % → ${fmt(c.deterLazy)}`).join(', ')}`);
const json = (n: number | null) => (n === null || Number.isFinite(n) ? n : 'never');
console.log(JSON.stringify({
  parameters, verifiers: poolSize, attempts,
  ...Object.fromEntries(settings.map((s, i) => [s.name.replace(/[ ,]+(\w)/g, (_, c: string) => c.toUpperCase()), results[i].map((r) => ({ ...r, deterLazy: json(r.deterLazy), deterCollusion: json(r.deterCollusion) }))])),
  canaries: canaries.map((c) => ({ ...c, deterLazy: json(c.deterLazy) })),
}));

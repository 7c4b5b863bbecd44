import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForgeryGame } from './forgeryRounds.js';
import { payoffsPerAnswer, penaltyToDeter, valueAt, type IncentiveParameters } from './incentiveModel.js';

const parameters: IncentiveParameters = { reward: 1, effort: 0.3, penalty: 0, foundFalsePenalty: 10, bribe: 20, ocrErrorRate: 0.015, forgedShare: 0.01, canaryShare: 0 };
const noColluders: ForgeryGame = {
  verifiers: ['a', 'b', 'c'], colluding: new Set(),
  rounds: [{ panel: ['a', 'b', 'c'], weights: [1, 1, 1], passes: false, foundFalse: false }],
};

describe('the incentive model', () => {
  it('deters laziness at effort / (share of wrong readings shown) − reward, as the closed form says', () => {
    for (const canaryShare of [0, 0.05]) {
      const p = { ...parameters, canaryShare };
      const payoffs = payoffsPerAnswer(noColluders, p);
      // lazy differs from honest on misread genuine fields, on canaries and on forgeries (refused by the honest
      // panel): it saves the effort everywhere, and there loses the reward and pays the penalty.
      const genuine = 1 - p.forgedShare - canaryShare;
      const wrongShown = genuine * p.ocrErrorRate + canaryShare + p.forgedShare;
      const expected = p.effort / wrongShown - p.reward;
      assert.ok(Math.abs(penaltyToDeter(payoffs, 'lazy') - expected) < 1e-9, `${penaltyToDeter(payoffs, 'lazy')} vs ${expected}`);
    }
  });

  it('makes honesty the best answer at the penalty it names, and not just below it', () => {
    // Three forgeries refused by an honest panel, one passed by a ring of four and found false later.
    const game: ForgeryGame = {
      verifiers: ['h1', 'h2', 'c1', 'c2', 'c3', 'c4'], colluding: new Set(['c1', 'c2', 'c3', 'c4']),
      rounds: [
        ...['c1', 'c2', 'c3'].map((c) => ({ panel: [c, 'h1', 'h2'], weights: [1, 1, 1], passes: false, foundFalse: false })),
        { panel: ['c1', 'c2', 'c3', 'c4', 'h1', 'h2'], weights: [1.5, 1.5, 1.5, 1.5, 1, 1], passes: true, foundFalse: true },
      ],
    };
    const payoffs = payoffsPerAnswer(game, parameters);
    for (const deviation of ['lazy', 'colluding'] as const) {
      const needed = penaltyToDeter(payoffs, deviation);
      assert.ok(Number.isFinite(needed) && needed > 0, `${deviation}: ${needed}`);
      assert.ok(valueAt(payoffs.honest, needed) >= valueAt(payoffs[deviation], needed) - 1e-9);
      assert.ok(valueAt(payoffs.honest, needed * 0.99) < valueAt(payoffs[deviation], needed * 0.99), `${deviation} still pays just below`);
    }
  });

  it('pays colluders their bribe only when the forgery passes, and slashes them when it is found false', () => {
    const game: ForgeryGame = {
      verifiers: ['c1'], colluding: new Set(['c1']),
      rounds: [{ panel: ['c1'], weights: [1], passes: true, foundFalse: true }, { panel: ['c1'], weights: [1], passes: false, foundFalse: false }],
    };
    const onlyForged = { ...parameters, forgedShare: 1, effort: 0 };
    const { colluding } = payoffsPerAnswer(game, onlyForged);
    // passed: reward 1 + bribe 20 − found false 10; refused: −penalty. Mean over the two.
    assert.deepEqual(colluding, { base: (1 + 20 - 10) / 2, perPenalty: -1 / 2 });
  });
});

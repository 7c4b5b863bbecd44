import type { ForgeryGame } from './forgeryRounds.js';

/**
 * The money side of verification, per answer, in units of the fee one answer earns (the paper's future work asks for
 * staking, rewards and penalties and how they relate to accuracy). Everything here is a model; the registry records
 * reputation, but holds no stake and pays nothing.
 */
export type IncentiveParameters = {
  /** Paid for an answer that agrees with the field's final outcome, times the verifier's weight (reputation pays). */
  reward: number;
  /** What looking at a crop properly costs the verifier, per answer. */
  effort: number;
  /** Slashed from the stake for an answer that disagrees with the final outcome. */
  penalty: number;
  /** Slashed again from each verifier who confirmed a forgery later found false. */
  foundFalsePenalty: number;
  /** Paid by a forger to each colluder who confirmed, when the forged field passes. */
  bribe: number;
  /** Share of fields OCR misreads (a lazy verifier confirms them as read). */
  ocrErrorRate: number;
  /** Share of answers that are forged fields. */
  forgedShare: number;
  /** Share of tasks that are canaries: a field whose true text is known, shown with a wrong reading. */
  canaryShare: number;
};

export type Strategy = 'honest' | 'lazy' | 'colluding';
/** An expected payoff per answer, linear in the penalty: `base + perPenalty × penalty`. */
export type Payoff = { base: number; perPenalty: number };
export const strategies: Strategy[] = ['honest', 'lazy', 'colluding'];

/**
 * Expected payoff per answer of each strategy, against a population playing `game`:
 * - honest looks at every field (effort) and answers truly;
 * - lazy confirms whatever OCR read, at no effort: wrong on misreads, canaries and forgeries;
 * - colluding is honest on genuine fields and confirms the ring's forgeries for the bribe (without looking).
 * A lazy verifier on a forged field votes with the colluders, so it fares as they do without the bribe; where
 * the game has no colluder, it is alone, and one weight (at most 1.5) cannot reach the quorum of 2: refused.
 * Genuine fields and canaries are decided by the honest majority.
 */
export function payoffsPerAnswer(game: ForgeryGame, p: IncentiveParameters): Record<Strategy, Payoff> {
  const forged = { honest: { base: 0, perPenalty: 0, n: 0 }, colluding: { base: 0, perPenalty: 0, n: 0, bribe: 0 } };
  for (const round of game.rounds) {
    round.panel.forEach((v, i) => {
      const paid = p.reward * round.weights[i]!;
      if (game.colluding.has(v)) {
        const side = forged.colluding;
        side.n++;
        if (round.passes) {
          side.base += paid - (round.foundFalse ? p.foundFalsePenalty : 0);
          side.bribe += p.bribe;
        } else side.perPenalty -= 1;
      } else {
        const side = forged.honest;
        side.n++;
        if (round.passes) side.perPenalty -= 1;
        else side.base += paid;
      }
    });
  }
  const mean = (total: number, n: number) => (n ? total / n : 0);
  const onForged = {
    honest: { base: mean(forged.honest.base, forged.honest.n) - p.effort, perPenalty: mean(forged.honest.perPenalty, forged.honest.n) },
    colluding: { base: mean(forged.colluding.base + forged.colluding.bribe, forged.colluding.n), perPenalty: mean(forged.colluding.perPenalty, forged.colluding.n) },
    lazy: forged.colluding.n
      ? { base: mean(forged.colluding.base, forged.colluding.n), perPenalty: mean(forged.colluding.perPenalty, forged.colluding.n) }
      : { base: 0, perPenalty: -1 },
  };
  const genuineShare = 1 - p.forgedShare - p.canaryShare;
  // Genuine fields are paid at weight 1: they are the bulk of the work, everyone who answers them truly agrees with
  // the outcome, and reputation lost on a forgery is earned back there (the forgery game plays forgeries only).
  // A canary is paid like any task, so that it cannot be told apart; confirming its wrong reading is slashed.
  const onGenuine: Record<Strategy, Payoff> = {
    honest: { base: p.reward - p.effort, perPenalty: 0 },
    colluding: { base: p.reward - p.effort, perPenalty: 0 },
    lazy: { base: (1 - p.ocrErrorRate) * p.reward, perPenalty: -p.ocrErrorRate },
  };
  const onCanary: Record<Strategy, Payoff> = { honest: onGenuine.honest, colluding: onGenuine.colluding, lazy: { base: 0, perPenalty: -1 } };
  const mix = (s: Strategy): Payoff => ({
    base: genuineShare * onGenuine[s].base + p.canaryShare * onCanary[s].base + p.forgedShare * onForged[s].base,
    perPenalty: genuineShare * onGenuine[s].perPenalty + p.canaryShare * onCanary[s].perPenalty + p.forgedShare * onForged[s].perPenalty,
  });
  return { honest: mix('honest'), lazy: mix('lazy'), colluding: mix('colluding') };
}

export const valueAt = (payoff: Payoff, penalty: number) => payoff.base + payoff.perPenalty * penalty;

/**
 * The smallest penalty at which honesty pays at least as well as `deviation`: 0 when it already does at no
 * penalty, Infinity when no penalty can make it (the deviation is slashed no more often than honesty).
 */
export function penaltyToDeter(payoffs: Record<Strategy, Payoff>, deviation: Exclude<Strategy, 'honest'>): number {
  const h = payoffs.honest, d = payoffs[deviation];
  if (h.base >= d.base) return 0;
  const gain = h.perPenalty - d.perPenalty;
  return gain > 0 ? (d.base - h.base) / gain : Number.POSITIVE_INFINITY;
}

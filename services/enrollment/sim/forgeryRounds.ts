// The forgery game both simulations play (sim:collusion counts what passes, sim:incentives what each verifier
// earns). The model:
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
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { assignVerifiers } from '../src/assignment/assignVerifiers.js';
import { assignmentStream } from '../src/assignment/assignmentStream.js';

export const documentFields = ['Name', 'DateOfBirth', 'Sex', 'Region', 'Address', 'Status', 'DateOfExpiration', 'No', 'DateOfBegin', 'PeriodOfStay'];
const hash = (text: string) => `0x${bytesToHex(sha256(utf8ToBytes(text)))}` as const;

/** One forged field's fate: who answered it, with what weight when they answered, and whether it passed. */
export type ForgeryRound = { panel: string[]; weights: number[]; passes: boolean; foundFalse: boolean };
export type ForgeryGame = { verifiers: string[]; colluding: Set<string>; rounds: ForgeryRound[] };

export function playForgeries({ poolSize, attempts, share, random, reputation }: { poolSize: number; attempts: number; share: number; random: boolean; reputation: boolean }): ForgeryGame {
  const verifiers = Array.from({ length: poolSize }, (_, i) => `v${String(i).padStart(4, '0')}`);
  const colluding = new Set(verifiers.slice(0, Math.round(share * poolSize)));
  const weight = new Map(verifiers.map((v) => [v, 1]));
  const rounds: ForgeryRound[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const id = hash(`${share}/${random}/${reputation}/${attempt}`);
    const stream = assignmentStream(hash(`beacon/${id}`), id);
    const forged = documentFields[attempt % documentFields.length];
    const draw = (count: number, exclude: string[]): string[] => {
      if (!random) {
        // The enrollee's own choice: the colluders of most weight it can get, then whoever is left.
        const picks = [...colluding].filter((v) => !exclude.includes(v)).sort((a, b) => weight.get(b)! - weight.get(a)!);
        const rest = verifiers.filter((v) => !colluding.has(v) && !exclude.includes(v));
        return [...picks, ...rest].slice(0, count);
      }
      if (exclude.length === 0) return assignVerifiers({ enrollmentId: id, beacon: hash(`beacon/${id}`), fields: documentFields, verifiers })[forged];
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
    const weights = panel.map((v) => weight.get(v)!);
    // Drawn whatever the setting, so that both simulations see the same forgeries found out.
    const foundFalse = passes && stream.below(5) === 0;
    if (reputation) {
      for (const v of panel) {
        const agreed = colluding.has(v) === passes;
        weight.set(v, agreed ? Math.min(1.5, weight.get(v)! + 0.05) : weight.get(v)! / 2);
      }
      if (foundFalse) for (const v of panel) if (colluding.has(v)) weight.set(v, weight.get(v)! / 10);
    }
    rounds.push({ panel, weights, passes, foundFalse });
  }
  return { verifiers, colluding, rounds };
}

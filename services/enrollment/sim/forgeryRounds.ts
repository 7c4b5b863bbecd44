// The forgery game both simulations play (sim:collusion counts what passes, sim:incentives what each verifier
// earns). The model:
// - A colluding enrollee submits a document with one forged field; colluding verifiers confirm it, honest
//   ones reject it. Between two forgeries, `genuinePerForgery` genuine fields (default 99: 1 % of fields forged)
//   are answered by three verifiers each, everyone answering them truly: in expectation each verifier earns its
//   share of those answers' +10, so reputation lost on a forgery is earned back.
// - Without random assignment the enrollee picks the panel, its colluders of most weight first; with it, `assignVerifiers`
//   draws the panel (k = 2 fields of a document per verifier, ten fields).
// - The registry's rule (EnrollmentRegistry._verdict, default settings), once a round has all its answers (the
//   service batches what it received): a unanimous panel decides when its weight reaches the quorum (200); a
//   split panel goes to three more verifiers; after that last round, the field is confirmed if the confirming
//   weight leads by the quorum, and rejected otherwise.
// - Reputation (when on), as the registry keeps it: a verifier starts at 100; agreeing with the outcome adds 10
//   (at most 1,000), disagreeing halves it; one accepted forgery in five is found false later, and each verifier
//   who confirmed it is halved again (penaliseConfirmation). Off: every weight stays 100.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { assignVerifiers } from '../src/assignment/assignVerifiers.js';
import { assignmentStream } from '../src/assignment/assignmentStream.js';

export const documentFields = ['Name', 'DateOfBirth', 'Sex', 'Region', 'Address', 'Status', 'DateOfExpiration', 'No', 'DateOfBegin', 'PeriodOfStay'];
// The registry's defaults (EnrollmentRegistry: _INITIAL_REPUTATION, _MAX_REPUTATION, Settings.quorum).
const initialReputation = 100, maxReputation = 1000, quorum = 200;
const hash = (text: string) => `0x${bytesToHex(sha256(utf8ToBytes(text)))}` as const;

/** One forged field's fate: who answered it, with what weight when they answered (1: a new verifier's), and whether it passed. */
export type ForgeryRound = { panel: string[]; weights: number[]; passes: boolean; foundFalse: boolean };
export type ForgeryGame = { verifiers: string[]; colluding: Set<string>; rounds: ForgeryRound[] };

export function playForgeries({ poolSize, attempts, share, random, reputation, genuinePerForgery = 99 }: {
  poolSize: number; attempts: number; share: number; random: boolean; reputation: boolean; genuinePerForgery?: number;
}): ForgeryGame {
  const earnedBetween = (10 * 3 * genuinePerForgery) / poolSize;
  const verifiers = Array.from({ length: poolSize }, (_, i) => `v${String(i).padStart(4, '0')}`);
  const colluding = new Set(verifiers.slice(0, Math.round(share * poolSize)));
  const weight = new Map(verifiers.map((v) => [v, initialReputation]));
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
    const correcting = (panel: string[]) => panel.filter((v) => !colluding.has(v)).reduce((s, v) => s + weight.get(v)!, 0);
    let panel = draw(3, []);
    let [forWeight, againstWeight] = [confirming(panel), correcting(panel)];
    let passes = forWeight >= quorum && againstWeight === 0;
    const decided = passes || (forWeight === 0 && againstWeight >= quorum);
    if (!decided) {
      panel = [...panel, ...draw(3, panel)];
      [forWeight, againstWeight] = [confirming(panel), correcting(panel)];
      passes = againstWeight === 0 ? forWeight >= quorum : forWeight >= againstWeight + quorum;
    }
    const weights = panel.map((v) => weight.get(v)! / initialReputation);
    // Drawn whatever the setting, so that both simulations see the same forgeries found out.
    const foundFalse = passes && stream.below(5) === 0;
    if (reputation) {
      for (const v of panel) {
        const agreed = colluding.has(v) === passes;
        weight.set(v, agreed ? Math.min(maxReputation, weight.get(v)! + 10) : Math.floor(weight.get(v)! / 2));
      }
      if (foundFalse) for (const v of panel) if (colluding.has(v)) weight.set(v, Math.floor(weight.get(v)! / 2));
      // A verifier at 0 is out of the pool for good (the registry's rule), and earns nothing back.
      for (const [v, w] of weight) if (w > 0) weight.set(v, Math.min(maxReputation, w + earnedBetween));
    }
    rounds.push({ panel, weights, passes, foundFalse });
  }
  return { verifiers, colluding, rounds };
}

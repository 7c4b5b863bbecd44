import { createHash } from 'node:crypto';
import { NonceAlreadyIssuedError } from '@identree/store';

/** One failed verdict as the holder's access log would record it. */
export type FailedVerdict = { accessor: string; holder: string; detail: string | null };

/** Says whether a failed verdict is the first of its kind in the current window. */
export type FailedVerdictWindow = { first(verdict: FailedVerdict): Promise<boolean> };

/** What the window is kept in: the store's nonces, whose keys are unique across every API process. */
export type FailedVerdictClaims = { issue(parameters: { key: string; audience: string; ttlMs: number }): Promise<unknown> };

export type FailedVerdictWindowParameters = { claims: FailedVerdictClaims; windowMs?: number; now?: () => number };

/**
 * Anyone may post a presentation in any holder's name, so failed verdicts would fill that holder's access
 * log as fast as the rate limit lets them. The holder needs to see that it happened, to whom and why, not
 * each attempt: the first failure of each (verifier's audience, holder, reasons) in a window is logged,
 * the rest of the window's are not. The claim is a nonce keyed by the three and the window's number, so
 * every API process agrees on which one is first, and the nonce pruning forgets it afterwards.
 *
 * @example
 * const window = storedFailedVerdictWindow({ claims: storage.nonces })
 * if (verdict.valid || (await window.first(entry))) await accessLog.append(entry)
 */
export function storedFailedVerdictWindow({ claims, windowMs = 15 * 60_000, now = () => Date.now() }: FailedVerdictWindowParameters): FailedVerdictWindow {
  return {
    async first({ accessor, holder, detail }) {
      const window = Math.floor(now() / windowMs);
      // Hashed: the audience is the verifier's free text, and the key column is the nonce's.
      const key = `failed-verdict:${createHash('sha256').update(JSON.stringify([accessor, holder.toLowerCase(), detail, window])).digest('base64url')}`;
      try {
        await claims.issue({ key, audience: 'failed-verdict-window', ttlMs: windowMs });
        return true;
      } catch (error) {
        if (error instanceof NonceAlreadyIssuedError) return false;
        throw error;
      }
    },
  };
}

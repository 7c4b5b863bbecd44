import { createLivenessChallenge, type LivenessChallenge, type SpoofGate } from '@identree/biometrics';
import { getAddress, type Address } from 'viem';

/** A liveness challenge issued with a sign-in nonce, for one identity. */
export type IssuedFaceChallenge = { identity: Address; nonce: string; challenge: LivenessChallenge };

/** Where issued challenges wait for their login; `take` hands one out once. */
export type FaceChallengeStore = {
  put(issued: IssuedFaceChallenge): Promise<void>;
  take(nonce: string): Promise<IssuedFaceChallenge | null>;
};

/** The store's nonces, as far as challenges need them (`storage.nonces`). */
export type FaceChallengeNonces = {
  issue(parameters: { key: string; audience: string; ttlMs: number; payload?: IssuedFaceChallengeJson }): Promise<unknown>;
  take(parameters: { key: string; audience: string }): Promise<{ payload: unknown } | null>;
};
type IssuedFaceChallengeJson = { identity: string; nonce: string; challenge: { id: string; steps: string[]; issuedAt: number; expiresAt: number; spoofGate?: SpoofGate } };

const AUDIENCE = 'face-challenge';

/**
 * Challenges in the service's nonce table, beside the sign-in nonce each one rides on: a nonce of its own
 * (`face:<sign-in nonce>`, audience `face-challenge`) whose payload is the challenge. Any API process can
 * take it, a restart keeps it, and taking it is the store's one-winner step, so a challenge serves one
 * login across all processes; the table's pruning removes the ones never used.
 *
 * @example
 * const challenges = storedFaceChallenges(storage.nonces)
 */
export function storedFaceChallenges(nonces: FaceChallengeNonces, { now = () => Date.now() } = {}): FaceChallengeStore {
  return {
    async put(issued) {
      const payload: IssuedFaceChallengeJson = { identity: issued.identity, nonce: issued.nonce, challenge: { ...issued.challenge, steps: [...issued.challenge.steps] } };
      await nonces.issue({ key: `face:${issued.nonce}`, audience: AUDIENCE, ttlMs: Math.max(1, issued.challenge.expiresAt - now()), payload });
    },
    async take(nonce) {
      const won = await nonces.take({ key: `face:${nonce}`, audience: AUDIENCE });
      const issued = won?.payload as IssuedFaceChallengeJson | null | undefined;
      if (!issued || issued.nonce !== nonce) return null;
      return { identity: getAddress(issued.identity), nonce, challenge: issued.challenge as LivenessChallenge };
    },
  };
}

/** A challenge store for one process's tests and tools: a map that drops expired entries as it goes. The service uses the stored one. */
export function memoryFaceChallenges({ now = () => Date.now() } = {}): FaceChallengeStore {
  const byNonce = new Map<string, IssuedFaceChallenge>();
  const sweep = () => {
    for (const [nonce, c] of byNonce) if (c.challenge.expiresAt <= now()) byNonce.delete(nonce);
  };
  return {
    async put(issued) {
      sweep();
      byNonce.set(issued.nonce, structuredClone(issued));
    },
    async take(nonce) {
      const issued = byNonce.get(nonce) ?? null;
      byNonce.delete(nonce);
      return issued && issued.challenge.expiresAt > now() ? issued : null;
    },
  };
}

/**
 * A liveness challenge bound to a sign-in nonce and an identity: the login must come back with this
 * nonce in its SIWE message and this challenge's hash in its match result, before `ttlMs` runs out.
 * With `spoofGate` (the service's FACE_ANTISPOOF policy) the challenge carries the anti-spoof minima, and its
 * hash covers them: a device that performs the challenge without them signs a hash the login refuses.
 *
 * @example
 * const { challenge } = await issueFaceChallenge({ identity, nonce, challenges })
 */
export async function issueFaceChallenge({ identity, nonce, challenges, ttlMs = 120_000, spoofGate }: {
  identity: Address; nonce: string; challenges: FaceChallengeStore; ttlMs?: number; spoofGate?: SpoofGate;
}): Promise<IssuedFaceChallenge> {
  const issued = { identity: getAddress(identity), nonce, challenge: createLivenessChallenge({ ttlMs, spoofGate }) };
  await challenges.put(issued);
  return issued;
}

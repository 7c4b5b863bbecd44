import { createLivenessChallenge, type LivenessChallenge } from '@identree/biometrics';
import { getAddress, type Address } from 'viem';

/** A liveness challenge issued with a sign-in nonce, for one identity. */
export type IssuedFaceChallenge = { identity: Address; nonce: string; challenge: LivenessChallenge };

/** Where issued challenges wait for their login; `take` hands one out once. */
export type FaceChallengeStore = {
  put(issued: IssuedFaceChallenge): Promise<void>;
  take(nonce: string): Promise<IssuedFaceChallenge | null>;
};

/** The embedded adapter: a map that drops expired entries as it goes. */
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
 *
 * @example
 * const { challenge } = await issueFaceChallenge({ identity, nonce, challenges })
 */
export async function issueFaceChallenge({ identity, nonce, challenges, ttlMs = 120_000 }: { identity: Address; nonce: string; challenges: FaceChallengeStore; ttlMs?: number }): Promise<IssuedFaceChallenge> {
  const issued = { identity: getAddress(identity), nonce, challenge: createLivenessChallenge({ ttlMs }) };
  await challenges.put(issued);
  return issued;
}

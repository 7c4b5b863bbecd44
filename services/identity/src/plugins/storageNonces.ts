import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { Hex } from 'viem';
import type { NonceStore } from '@identree/sdk';
import type { LoginNonceStore } from '../auth/loginNonceStore.js';
import { generateLoginNonce } from '../auth/loginNonceStore.js';
import type { Storage } from '../storage/types.js';

/** Verifier challenges in the database, so any instance of the service can check any nonce. */
export function storagePresentationNonces(storage: Storage): NonceStore {
  return {
    async issue(audience, ttlSeconds) {
      const key = `0x${bytesToHex(randomBytes(32))}` as Hex;
      await storage.nonces.issue({ key, audience: `presentation:${audience}`, ttlMs: ttlSeconds * 1000 });
      return key;
    },
    consume: (audience, nonce) => storage.nonces.consume({ key: nonce.toLowerCase(), audience: `presentation:${audience}` }),
  };
}

/** Sign-in nonces in the same table, under their own audience. */
export function storageLoginNonces(storage: Storage): LoginNonceStore {
  return {
    async issue(ttlMs) {
      const nonce = generateLoginNonce();
      const issued = await storage.nonces.issue({ key: nonce, audience: 'siwe', ttlMs });
      return { nonce, expiresAt: issued.expiresAt };
    },
    consume: (nonce) => storage.nonces.consume({ key: nonce, audience: 'siwe' }),
  };
}

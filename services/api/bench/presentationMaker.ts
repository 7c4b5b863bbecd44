// Bench preparation thread: signs presentations for the nonces it is given. Signing costs ~3 ms
// each, so the bench spreads it over threads; nothing here runs while the load is measured.
import { parentPort, workerData } from 'node:worker_threads';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex } from 'viem';
import { devAccount } from '@identree/devchain';
import { createPresentation, type IdentreeCredential } from '@identree/sdk';

const { credential, audience, nonces, expiresIn } = workerData as { credential: IdentreeCredential; audience: string; nonces: `0x${string}`[]; expiresIn: number };
// The same key as dev account 1; a local account signs faster than the HD account object.
const holder = privateKeyToAccount(bytesToHex(devAccount(1).getHdKey().privateKey!));
const bodies: string[] = [];
for (const nonce of nonces) {
  const presentation = await createPresentation({ holder, audience, nonce, expiresIn, disclose: [{ credential, attributes: ['ageOver18'] }] });
  // As a verifier in a session sends it: naming the challenge it issued (see verifyPresentation's `nonce`).
  bodies.push(JSON.stringify({ audience, presentation, nonce, policy: { minLevel: 'GovernmentCertified' } }));
  if (bodies.length % 1_000 === 0) parentPort!.postMessage({ progress: 1_000 });
}
parentPort!.postMessage({ bodies });

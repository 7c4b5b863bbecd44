// Bench preparation thread: signs presentations for the nonces it is given. Signing costs ~3 ms
// each, so the bench spreads it over threads; nothing here runs while the load is measured.
import { parentPort, workerData } from 'node:worker_threads';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex } from 'viem';
import { devAccount } from '@identree/devchain';
import { createPresentation, type IdentreeCredential } from '@identree/sdk';

const { credential, audience, nonces } = workerData as { credential: IdentreeCredential; audience: string; nonces: `0x${string}`[] };
// The same key as dev account 1; a local account signs faster than the HD account object.
const holder = privateKeyToAccount(bytesToHex(devAccount(1).getHdKey().privateKey!));
/** The longest lifetime a verifier accepts by default (verifyPresentation's maxLifetime). */
const PRESENTATION_LIFETIME_SECONDS = 600;
const bodies: string[] = [];
for (const nonce of nonces) {
  const presentation = await createPresentation({ holder, audience, nonce, expiresIn: PRESENTATION_LIFETIME_SECONDS, disclose: [{ credential, attributes: ['ageOver18'] }] });
  bodies.push(JSON.stringify({ audience, presentation, policy: { minLevel: 'GovernmentCertified' } }));
  if (bodies.length % 1_000 === 0) parentPort!.postMessage({ progress: 1_000 });
}
parentPort!.postMessage({ bodies });

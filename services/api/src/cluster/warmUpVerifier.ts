import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, createPresentation, credentialId, deriveAgeClaims, keccakReady, type CredentialStatusSource, type IdentreeCredential } from '@identree/sdk';
import { presentationBodyVerifier } from '../presentations/presentationBodyVerifier.js';

/**
 * Runs the verification path on a made-up presentation until V8 has optimized it, before a
 * thread takes real requests. Cold, a thread verifies several times slower, and the first
 * requests after a start (a thousand at once behind a load balancer) would all wait on that.
 * Timed in rounds of 500 on our 2-core VM (pinned to one core, each round with its own setup), a
 * verification took 570–578 µs in the first round and settled at 135–170 µs after 3,000–4,000, so
 * 4,000 it is: about 1.2 s per thread at start. With 1,000, bench:api's first measured seconds
 * still ran below the steady rate.
 *
 * Nothing here touches real state: the credential is signed by a throwaway key, its status comes
 * from a stub that knows only it, and its nonce is never consumed: the thread's mode defers nonces.
 */
export async function warmUpVerifier({ iterations = 4_000 }: { iterations?: number } = {}): Promise<void> {
  // The verifier hashes with @noble/hashes until its WebAssembly Keccak has loaded, and the loop
  // below never yields to the event loop that loading needs: without this wait it warmed the
  // fallback, and real requests met a cold WebAssembly path.
  await keccakReady;
  const chainId = 1;
  const registry = privateKeyToAccount(generatePrivateKey()).address;
  const issuer = privateKeyToAccount(generatePrivateKey()).address;
  const holder = privateKeyToAccount(generatePrivateKey());
  const values = { givenName: 'Warm', fatherLastName: 'Up', birthDate: '2000-01-01', ...deriveAgeClaims('2000-01-01', new Date()) };
  const { commitment, attributes } = commitAttributes(values);
  const uid = credentialId({ issuer, commitment });
  const credential = {
    id: 'urn:identree:warm-up',
    type: ['VerifiableCredential', 'BirthCertificate'],
    issuer: `did:identree:${chainId}:${issuer}`,
    credentialSubject: { id: `did:identree:${chainId}:${holder.address}`, ...values },
    proof: { chainId, registry, uid, commitment, salts: Object.fromEntries(attributes.map((a) => [a.name, a.salt])) },
  } as unknown as IdentreeCredential;
  const audience = 'https://warm-up.invalid';
  const presentation = await createPresentation({ holder, audience, nonce: `0x${'11'.repeat(32)}`, disclose: [{ credential, attributes: ['ageOver18'] }] });
  const json = JSON.stringify({ audience, presentation, policy: { minLevel: 'GovernmentCertified' } });
  const status: CredentialStatusSource = {
    trusts: () => true,
    currentKey: async ({ identity }) => identity,
    entityStatus: async () => 'Active',
    compromise: async () => null,
    anchorTime: async () => null,
    getStatus: async () => ({ subject: holder.address, credentialType: 1, typeName: 'BirthCertificate', validFrom: 0, validUntil: 2 ** 40, level: 'GovernmentCertified', revoked: false, linked: true }),
  };
  // The same mode a verification thread runs in: the nonce comes back to be consumed elsewhere.
  const verifyBody = presentationBodyVerifier({ status, deferNonce: true });
  for (let i = 0; i < iterations; i++) {
    const outcome = await verifyBody({ json });
    if (outcome.t !== 'verdict' || !outcome.pendingNonce || !outcome.json.startsWith('{"valid":true')) throw new Error(`warm-up verification failed: ${JSON.stringify(outcome)}`);
  }
}

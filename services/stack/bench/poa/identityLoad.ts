// Identity writes as a government sends them through the service: signed in its own wallet with
// consecutive nonces, POSTed with an Idempotency-Key; a 429 is waited out and sent again.
import { keccak256, stringToHex, type Address, type Hash, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { CredentialType, prepareAnchorCredential, prepareRegisterEntity } from '@identree/sdk';
import type { PoaService } from './poaService.js';

export type IdentityOp = { kind: 'register' | 'anchor'; key: string; hash: Hash; signed: Hex; route: string; nonce: number; entity?: Address };
export type SentOp = IdentityOp & { sentAt: number; answeredAt?: number; status?: number; stage: number };

const FEES = { gas: 600_000n, maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n, type: 'eip1559' as const };

/** Signs the next write: a new citizen's registration, or a credential for an already registered one. */
export function identityOps(s: PoaService, firstNonce: number, registered: Address[]) {
  let nonce = firstNonce;
  let n = 0;
  return async (): Promise<IdentityOp> => {
    const i = n++;
    const kind = i % 2 === 0 || registered.length === 0 ? 'register' : 'anchor';
    const entity = kind === 'register' ? privateKeyToAccount(generatePrivateKey()).address : undefined;
    const call =
      entity
        ? prepareRegisterEntity({ registry: s.registry, entity, kind: 'Person' })
        : prepareAnchorCredential({
            registry: s.registry,
            subject: registered[i % registered.length]!,
            credentialType: CredentialType.Passport,
            commitment: keccak256(stringToHex(`bench credential ${firstNonce}-${i}`)),
          });
    const txNonce = nonce++;
    const signed = await s.government.signTransaction({ ...call, ...FEES, chainId: s.net.chainId, nonce: txNonce });
    return { kind, key: `bench-${firstNonce}-${i}`, hash: keccak256(signed), signed, route: entity ? '/entities' : '/credentials', nonce: txNonce, entity };
  };
}

/** POSTs one write; resolves with its answer (status 0: no answer). */
export async function submit(s: PoaService, op: IdentityOp, stage: number): Promise<SentOp> {
  const sent: SentOp = { ...op, sentAt: Date.now(), stage };
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(`${s.url}${op.route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, 'idempotency-key': op.key },
      body: JSON.stringify({ signedTransaction: op.signed }),
      signal: AbortSignal.timeout(60_000),
    }).catch(() => undefined);
    if (res?.status === 429) {
      await new Promise((r) => setTimeout(r, 1_000 * Number(res.headers.get('retry-after') ?? 1)));
      continue;
    }
    await res?.arrayBuffer().catch(() => undefined);
    return { ...sent, status: res?.status ?? 0, answeredAt: Date.now() };
  }
  return { ...sent, status: 429, answeredAt: Date.now() };
}

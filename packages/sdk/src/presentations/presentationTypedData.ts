import type { TypedDataDomain } from 'viem';
import { disclosureLeafHash } from './disclosureLeafHash.js';
import type { Presentation } from './types.js';

/** Chain-independent: a presentation may carry credentials from several chains. */
export const PRESENTATION_DOMAIN = { name: 'Identree Presentation', version: '1' } as const satisfies TypedDataDomain;

export const PRESENTATION_TYPES = {
  Presentation: [
    { name: 'audience', type: 'string' },
    { name: 'nonce', type: 'bytes32' },
    { name: 'issuedAt', type: 'uint64' },
    { name: 'expiresAt', type: 'uint64' },
    { name: 'credentials', type: 'CredentialDisclosure[]' },
  ],
  CredentialDisclosure: [
    { name: 'chainId', type: 'uint256' },
    { name: 'registry', type: 'address' },
    { name: 'uid', type: 'bytes32' },
    { name: 'leaves', type: 'bytes32[]' },
  ],
} as const;

/**
 * The EIP-712 message a holder signs. It commits to every disclosed leaf (name, value and salt),
 * so no disclosure can be swapped after signing.
 */
export function presentationTypedData(p: Omit<Presentation, 'signature' | 'type' | 'holder'>, leaves?: readonly (readonly `0x${string}`[])[]) {
  return {
    domain: PRESENTATION_DOMAIN,
    types: PRESENTATION_TYPES,
    primaryType: 'Presentation' as const,
    message: {
      audience: p.audience,
      nonce: p.nonce,
      issuedAt: BigInt(p.issuedAt),
      expiresAt: BigInt(p.expiresAt),
      credentials: p.credentials.map((c, i) => ({
        chainId: BigInt(c.chainId),
        registry: c.registry,
        uid: c.uid,
        // A verifier has already hashed the leaves to check the proofs; it passes them in.
        leaves: leaves?.[i] ?? c.disclosures.map(disclosureLeafHash),
      })),
    },
  };
}

import { concat, getTypesForEIP712Domain, hashDomain, hashStruct, hashTypedData, keccak256, type Hash } from 'viem';
import { PRESENTATION_DOMAIN, PRESENTATION_TYPES, presentationTypedData } from './presentationTypedData.js';
import type { Presentation } from './types.js';

// The domain never changes, so its separator is hashed once instead of per presentation.
const DOMAIN_SEPARATOR = hashDomain({
  domain: PRESENTATION_DOMAIN,
  types: { EIP712Domain: getTypesForEIP712Domain({ domain: PRESENTATION_DOMAIN }), ...PRESENTATION_TYPES },
} as Parameters<typeof hashDomain>[0]);

/**
 * The EIP-712 digest a holder signs, equal to viem's `hashTypedData` (a test pins it). It skips
 * hashTypedData's per-call validation and domain hashing: the verifier has already checked the
 * presentation's shape against its JSON Schema, and the domain is constant.
 */
export function presentationDigest(p: Omit<Presentation, 'signature' | 'type' | 'holder'>, leaves?: readonly (readonly Hash[])[]): Hash {
  const { message } = presentationTypedData(p, leaves);
  return keccak256(concat(['0x1901', DOMAIN_SEPARATOR, hashStruct({ data: message, primaryType: 'Presentation', types: PRESENTATION_TYPES })]));
}

/** The reference computation, for tests. */
export const referencePresentationDigest = (p: Omit<Presentation, 'signature' | 'type' | 'holder'>) => hashTypedData(presentationTypedData(p));

import { getAddress, type Address, type HDAccount } from 'viem';
import { devAccount } from '@identree/devchain';
import { ATTRIBUTE_LEAF_ENCODING, commitAttributes } from '../credentials/commitAttributes.js';
import type { IdentreeCredential } from '../credentials/types.js';
import { VC_CONTEXT } from '../credentials/draftCredential.js';
import { toIdentreeDid } from '../did/toIdentreeDid.js';
import { credentialId } from '../utils/credentialId.js';

// Test data only: an Identree credential as issueCredential returns it, without a chain.
export const CHAIN_ID = 31337;
export const REGISTRY = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const issuer = devAccount(0);
export const holder = devAccount(3);
export const birth = { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' };

/** An Identree credential as issueCredential returns it, built straight from commitAttributes. */
export function identreeCredential(
  values: Record<string, string>,
  { by = issuer, registry = REGISTRY as Address, validUntil }: { by?: HDAccount; registry?: Address; validUntil?: string } = {},
) {
  const committed = commitAttributes(values);
  const uid = credentialId({ issuer: by.address, commitment: committed.commitment });
  const credential: IdentreeCredential = {
    '@context': VC_CONTEXT,
    id: `urn:identree:${CHAIN_ID}:${registry.toLowerCase()}:${uid}`,
    type: ['VerifiableCredential', 'BirthCertificate'],
    issuer: toIdentreeDid({ chainId: CHAIN_ID, address: by.address }),
    validFrom: '2026-01-15T10:00:00.000Z',
    ...(validUntil ? { validUntil } : {}),
    credentialSchema: { id: 'https://identree.dev/schemas/BirthCertificate.json', type: 'JsonSchema' },
    credentialSubject: { id: toIdentreeDid({ chainId: CHAIN_ID, address: holder.address }), ...values },
    proof: {
      type: 'IdentreeMerkleAnchor2026',
      chainId: CHAIN_ID,
      registry: getAddress(registry),
      uid,
      commitment: committed.commitment,
      leafEncoding: ATTRIBUTE_LEAF_ENCODING,
      salts: Object.fromEntries(committed.attributes.map((a) => [a.name, a.salt])),
    },
  };
  return { credential, tree: committed.tree };
}


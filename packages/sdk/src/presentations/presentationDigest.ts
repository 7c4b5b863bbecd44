import { encodeType } from 'ox/TypedData';
import { encodeAbiParameters, getTypesForEIP712Domain, hashDomain, hashTypedData, keccak256, stringToHex, type Hash } from 'viem';
import { byteArrayToHex, hexToByteArray } from '../utils/hexBytes.js';
import { keccak256Bytes } from '../utils/keccak256Bytes.js';
import { disclosureLeafBytes } from './disclosureLeafHash.js';
import { PRESENTATION_DOMAIN, PRESENTATION_TYPES, presentationTypedData } from './presentationTypedData.js';
import type { Presentation } from './types.js';

type UnsignedPresentation = Omit<Presentation, 'signature' | 'type' | 'holder'>;

// Everything fixed by the types and the domain is hashed once at load instead of per presentation:
// viem's hashStruct re-derives and re-hashes each type string on every call.
const typeHash = (primaryType: keyof typeof PRESENTATION_TYPES) => keccak256(stringToHex(encodeType({ primaryType, types: PRESENTATION_TYPES })));
const PRESENTATION_TYPE_HASH = typeHash('Presentation');
const CREDENTIAL_TYPE_HASH = typeHash('CredentialDisclosure');
const EIP712_PREFIX = Uint8Array.of(0x19, 0x01);
const DOMAIN_SEPARATOR = hexToByteArray(
  hashDomain({
    domain: PRESENTATION_DOMAIN,
    types: { EIP712Domain: getTypesForEIP712Domain({ domain: PRESENTATION_DOMAIN }), ...PRESENTATION_TYPES },
  } as Parameters<typeof hashDomain>[0]),
);

// encodeData of each struct: the type hash, then every field as one 32-byte word, where strings
// and arrays enter as the keccak256 of their contents (EIP-712 §encodeData).
const PRESENTATION_WORDS = [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint64' }, { type: 'uint64' }, { type: 'bytes32' }] as const;
const CREDENTIAL_WORDS = [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }] as const;

const utf8 = new TextEncoder();
const hashWords = (words: readonly Uint8Array[]) => keccak256Bytes(Buffer.concat(words));
const hashEncoded = (encoded: Hash) => keccak256Bytes(hexToByteArray(encoded));

/**
 * The EIP-712 digest a holder signs, as bytes, equal to viem's `hashTypedData` (a property test
 * compares them over random presentations). It skips hashTypedData's per-call validation and
 * type/domain hashing: the verifier has already checked the presentation against its JSON Schema,
 * and viem's encoder still rejects ill-formed addresses, sizes and integers. A verifier passes the
 * leaves it already hashed to check the proofs.
 */
export function presentationDigestBytes(p: UnsignedPresentation, leaves?: readonly (readonly Uint8Array[])[]): Uint8Array {
  const credentialHashes = p.credentials.map((c, i) =>
    hashEncoded(
      encodeAbiParameters(CREDENTIAL_WORDS, [
        CREDENTIAL_TYPE_HASH,
        BigInt(c.chainId),
        c.registry,
        c.uid,
        byteArrayToHex(hashWords(leaves?.[i] ?? c.disclosures.map(disclosureLeafBytes))),
      ]),
    ),
  );
  const structHash = hashEncoded(
    encodeAbiParameters(PRESENTATION_WORDS, [
      PRESENTATION_TYPE_HASH,
      byteArrayToHex(keccak256Bytes(utf8.encode(p.audience))),
      p.nonce,
      BigInt(p.issuedAt),
      BigInt(p.expiresAt),
      byteArrayToHex(hashWords(credentialHashes)),
    ]),
  );
  return keccak256Bytes(Buffer.concat([EIP712_PREFIX, DOMAIN_SEPARATOR, structHash]));
}

/** presentationDigestBytes as hex. */
export const presentationDigest = (p: UnsignedPresentation): Hash => byteArrayToHex(presentationDigestBytes(p));

/** The reference computation, for tests. */
export const referencePresentationDigest = (p: UnsignedPresentation) => hashTypedData(presentationTypedData(p));

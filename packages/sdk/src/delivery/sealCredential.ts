import { getAddress, stringToBytes, type Address, type Hash, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { IdentreeCredential } from '../credentials/types.js';
import type { Eip712SecuredCredential } from '../interop/secureCredentialEip712.js';
import { encryptContent, newContentNonce, newDataKey, recipientOf, toBase64url, wrapDataKey } from '../sharing/shareCrypto.js';

/** How a credential travels from its issuer to its holder through the service: the service stores it and cannot read it. */
export type CredentialEnvelope = {
  version: 1;
  contentAlgorithm: 'A256GCM';
  keyAlgorithm: 'ECIES-secp256k1';
  /** The credential's subject: the identity it is delivered to. */
  holder: Address;
  /** The key it is sealed to: the identity's key when sealed (after a rotation, not the identity's own address). */
  key: Address;
  uid: Hash;
  /** base64url, 12 bytes: the AES-GCM nonce. */
  nonce: string;
  /** base64url: the data key wrapped to the holder's public key. */
  wrappedKey: string;
};

export type SealCredentialParameters = {
  /** The W3C VC document (with its salts) the holder keeps. */
  credential: IdentreeCredential;
  /** The same credential as an SD-JWT VC (`exportSdJwtVc`), when the issuer offers that form too. */
  sdJwt?: string;
  /** The same credential as a vc+jwt signed by the issuer (`secureCredentialJwt`). */
  jwt?: string;
  /** The same credential secured with an EIP-712 proof (`secureCredentialEip712`), as an issuer signing with a wallet extension offers it. */
  eip712?: Eip712SecuredCredential;
  /** The public key of the key that controls the subject's identity now (the API's `GET /identities/{address}/public-key`). */
  holderPublicKey: Hex;
};
export type SealCredentialReturnType = { envelope: CredentialEnvelope; ciphertext: string };

/** The ciphertext decrypts only as this holder's copy of this credential: moved under another envelope it fails. */
export const deliveryAad = (holder: Address, uid: Hash) => stringToBytes(`identree/delivery/v1|${holder.toLowerCase()}|${uid.toLowerCase()}`);

/**
 * Seals a credential for its holder: the document (and its SD-JWT, vc+jwt and EIP-712 forms) encrypted with a fresh
 * AES-256-GCM key, that key wrapped to the holder's public key with ECIES (eciesjs). The envelope names
 * the subject and the key, so the service can refuse one sealed to any key but the subject's current one.
 *
 * @example
 * const { envelope, ciphertext } = sealCredential({ credential: vc, holderPublicKey })
 * const { credential } = openCredential({ envelope, ciphertext, privateKey: holderKey })
 */
export function sealCredential({ credential, sdJwt, jwt, eip712, holderPublicKey }: SealCredentialParameters): SealCredentialReturnType {
  const { verifier: key, publicKey } = recipientOf(holderPublicKey);
  const subject = /^did:identree:\d+:(0x[0-9a-fA-F]{40})$/.exec(credential?.credentialSubject?.id ?? '')?.[1];
  if (!subject) throw new InvalidParameterError('credential', 'is not an Identree credential (credentialSubject.id is not a did:identree DID)');
  const holder = getAddress(subject);
  const uid = credential.proof.uid;
  const dataKey = newDataKey();
  const nonce = newContentNonce();
  const plaintext = stringToBytes(JSON.stringify({ credential, ...(sdJwt ? { sdJwt } : {}), ...(jwt ? { jwt } : {}), ...(eip712 ? { eip712 } : {}) }));
  const ciphertext = encryptContent(dataKey, nonce, deliveryAad(holder, uid), plaintext);
  return {
    envelope: {
      version: 1, contentAlgorithm: 'A256GCM', keyAlgorithm: 'ECIES-secp256k1', holder, key, uid: uid.toLowerCase() as Hash,
      nonce: toBase64url(nonce), wrappedKey: toBase64url(wrapDataKey(publicKey, dataKey)),
    },
    ciphertext: toBase64url(ciphertext),
  };
}

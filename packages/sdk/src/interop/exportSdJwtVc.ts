import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { hexToBytes, isAddressEqual, type Hex, type LocalAccount } from 'viem';
import { IdentreeError, InvalidParameterError } from '../errors/base.js';
import type { ChainReference, IdentreeAnchorProof, IdentreeCredential } from '../credentials/types.js';
import { parseIdentreeDid } from '../did/parseIdentreeDid.js';
import { sdJwtSignerFor } from './sdJwtSignerFor.js';
import { secp256k1PublicKeyToJwk } from './secp256k1Jwk.js';

/** Prefix of the default `vct`: the credential type name is appended. */
export const IDENTREE_VCT_BASE = 'https://identree.dev/vct/';
/** Name of the always-visible claim that points at the on-chain anchor. */
export const IDENTREE_ANCHOR_CLAIM = 'identree_anchor';

/** The anchor as the SD-JWT VC carries it: enough to find and check the credential on chain. */
export type IdentreeSdJwtAnchor = ChainReference & { type: IdentreeAnchorProof['type'] };

/** Claims an exported token always shows, whatever the holder discloses. */
export type IdentreeSdJwtVcPayload = SdJwtVcPayload & {
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  vct: string;
  [IDENTREE_ANCHOR_CLAIM]: IdentreeSdJwtAnchor;
};

export type ExportSdJwtVcParameters = {
  /** The issuer's key: the account behind `credential.issuer`. */
  signer: LocalAccount;
  /** Credential type URI; defaults to `https://identree.dev/vct/<type>`. */
  vct?: string;
  /** The holder's public key, when presentations must carry a key-binding JWT. */
  cnf?: { jwk: JsonWebKey };
  /**
   * The holder's secp256k1 public key (viem's `account.publicKey`, or the service's
   * `/identities/{address}/public-key`): put in `cnf.jwk`, so only that key can present the token.
   */
  holderPublicKey?: Hex;
  /**
   * The IETF Token Status List reference (`status.status_list`), as the service's
   * `POST /credentials/{uid}/status-entry` returns it, so an SD-JWT VC verifier learns revocation
   * and suspension without reading the chain.
   */
  status?: { status_list: { idx: number; uri: string } };
};
/** A compact SD-JWT VC, `<issuer-signed JWT>~<disclosure>~…~`, with every attribute disclosed. */
export type ExportSdJwtVcReturnType = string;

// Claims the token sets itself (RFC 7519, SD-JWT VC, RFC 9901): an attribute may not shadow one.
const RESERVED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'vct', 'vct#integrity', 'cnf', 'status', '_sd', '_sd_alg', '...', IDENTREE_ANCHOR_CLAIM]);

/**
 * Re-issues an Identree credential as an SD-JWT VC (RFC 9901, SD-JWT VC draft), signed ES256K by
 * the issuer, for wallets and verifiers that speak SD-JWT rather than Identree. Every attribute is
 * selectively disclosable and its disclosure uses the credential's own salt, so a disclosed
 * (salt, name, value) is also the preimage of the Identree Merkle leaf anchored on chain; the
 * anchor itself rides along as the always-visible `identree_anchor` claim.
 *
 * @example
 * const token = await exportSdJwtVc(vc, { signer: issuerAccount })
 * const sdjwt = new SDJwtVcInstance({ verifier: sdJwtVerifierFor(issuerAccount.address), hasher: digest })
 * const { payload } = await sdjwt.verify(token) // payload.givenName === vc.credentialSubject.givenName
 */
export async function exportSdJwtVc(
  credential: IdentreeCredential,
  { signer, vct = IDENTREE_VCT_BASE + encodeURIComponent(credential.type[1]), cnf: givenCnf, holderPublicKey, status }: ExportSdJwtVcParameters,
): Promise<ExportSdJwtVcReturnType> {
  const cnf = givenCnf ?? (holderPublicKey ? { jwk: secp256k1PublicKeyToJwk(holderPublicKey) as JsonWebKey } : undefined);
  const { id: subject, ...attributes } = credential.credentialSubject;
  const { proof } = credential;
  const issuer = parseIdentreeDid(credential.issuer);
  if (!isAddressEqual(issuer.address, signer.address)) {
    throw new InvalidParameterError('signer', `${signer.address} is not the credential's issuer (${credential.issuer})`);
  }
  if (issuer.chainId !== proof.chainId) {
    throw new InvalidParameterError('credential', `the issuer is on chain ${issuer.chainId} but the anchor is on chain ${proof.chainId}`);
  }

  const names = Object.keys(attributes);
  if (names.length === 0) throw new InvalidParameterError('credential', 'has no attributes to export');
  const salts = new Map<string, string>();
  for (const name of names) {
    if (RESERVED_CLAIMS.has(name)) throw new InvalidParameterError('credential', `attribute "${name}" would shadow the registered claim of that name`);
    const salt = proof.salts[name];
    if (!salt || !/^0x[0-9a-fA-F]{64}$/.test(salt)) throw new InvalidParameterError('credential', `attribute "${name}" has no 32-byte salt in proof.salts`);
    salts.set(name, Buffer.from(hexToBytes(salt)).toString('base64url'));
  }

  const payload: IdentreeSdJwtVcPayload = {
    iss: credential.issuer,
    sub: subject,
    jti: credential.id,
    iat: seconds('validFrom', credential.validFrom),
    ...(credential.validUntil !== undefined ? { exp: seconds('validUntil', credential.validUntil) } : {}),
    vct,
    ...(cnf ? { cnf } : {}),
    ...(status ? { status: statusReference(status) } : {}),
    [IDENTREE_ANCHOR_CLAIM]: {
      type: proof.type,
      chainId: proof.chainId,
      registry: proof.registry,
      uid: proof.uid,
      commitment: proof.commitment,
      ...(proof.transactionHash ? { transactionHash: proof.transactionHash } : {}),
    },
    ...attributes,
  };

  // @sd-jwt asks for one salt per disclosable claim, walking the claims object in key order and
  // passing no name, so hand out the Identree salts in that same order (Object.keys follows the
  // for-in order it uses, integer-like names included). The check after issuing makes sure.
  const order = Object.keys(payload).filter((key) => salts.has(key));
  let next = 0;
  const sdjwt = new SDJwtVcInstance({
    signer: sdJwtSignerFor(signer),
    signAlg: 'ES256K',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: () => {
      const name = order[next++];
      if (name === undefined) throw new IdentreeError('@sd-jwt asked for more salts than there are attributes.');
      return salts.get(name)!;
    },
  });
  const token = await sdjwt.issue(payload, { _sd: names } as never, { header: { kid: `${credential.issuer}#controller` } });

  const disclosures = (await sdjwt.decode(token)).disclosures ?? [];
  const reused = disclosures.length === names.length && disclosures.every((d) => d.key !== undefined && salts.get(d.key) === d.salt);
  if (!reused) throw new IdentreeError('The SD-JWT disclosures do not carry the Identree salts.', { details: 'the @sd-jwt salt order changed' });
  return token;
}

function seconds(field: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidParameterError('credential', `${field} "${value}" is not a date`);
  return Math.floor(ms / 1000);
}

function statusReference(status: NonNullable<ExportSdJwtVcParameters['status']>): { status_list: { idx: number; uri: string } } {
  const { idx, uri } = status.status_list ?? {};
  if (!Number.isSafeInteger(idx) || (idx as number) < 0) throw new InvalidParameterError('status', `status_list.idx must be a non-negative integer, got ${String(idx)}`);
  if (typeof uri !== 'string' || !/^https?:\/\//.test(uri)) throw new InvalidParameterError('status', `status_list.uri must be an http(s) URL, got ${String(uri)}`);
  return { status_list: { idx: idx as number, uri } };
}

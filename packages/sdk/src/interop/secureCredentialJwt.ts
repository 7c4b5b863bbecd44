import { createJWT } from 'did-jwt';
import type { LocalAccount } from 'viem';
import type { IdentreeCredential } from '../credentials/types.js';
import { parseIdentreeDid } from '../did/parseIdentreeDid.js';
import { InvalidParameterError } from '../errors/base.js';
import { sdJwtSignerFor } from './sdJwtSignerFor.js';

export type SecureCredentialJwtParameters = {
  /** The key that controls the issuer's identity now (after a rotation, not the identity's address). */
  signer: LocalAccount;
};

/**
 * Secures an Identree VC 2.0 document as a `vc+jwt` (W3C VC-JOSE-COSE): the credential is the JWT
 * payload, signed ES256K by the issuer's current key, with `iss`, `sub`, `jti`, `nbf` and `exp`
 * so that any JWT verifier that resolves `did:identree` (did-jwt's `verifyJWT` with our resolver,
 * for one) checks it without Identree code. The chain anchor stays in `proof`: a verifier that
 * also reads the chain learns the credential's level and whether it was revoked.
 *
 * The whole document is in the payload, every attribute included; to show only some, present the
 * SD-JWT VC form (`exportSdJwtVc`) or an Identree presentation instead.
 *
 * @example
 * const jwt = await secureCredentialJwt(vc, { signer: issuerAccount })
 * const { payload } = await verifyJWT(jwt, { resolver }) // did-jwt
 */
export async function secureCredentialJwt(credential: IdentreeCredential, { signer }: SecureCredentialJwtParameters): Promise<string> {
  parseIdentreeDid(credential.issuer); // refuses a credential whose issuer is not a did:identree DID
  const subject = credential.credentialSubject?.id;
  if (typeof subject !== 'string') throw new InvalidParameterError('credential', 'credentialSubject.id is missing');
  const validFrom = seconds('validFrom', credential.validFrom);
  const validUntil = credential.validUntil === undefined ? undefined : seconds('validUntil', credential.validUntil);
  // The signer is not compared with the issuer's address here: after a rotation the issuer's key is
  // another address, which only the resolver knows. A verifier refuses a signature by any other key.
  const sign = sdJwtSignerFor(signer); // the same ES256K JWS signature (RFC 8812) as the SD-JWT form
  return createJWT(
    { ...credential, iss: credential.issuer, sub: subject, jti: credential.id, nbf: validFrom, ...(validUntil !== undefined ? { exp: validUntil } : {}) },
    { issuer: credential.issuer, signer: async (data) => sign(typeof data === 'string' ? data : new TextDecoder().decode(data)) },
    // did-jwt types `typ` as 'JWT' only; VC-JOSE-COSE's media type is vc+jwt, and did-jwt passes it through.
    { alg: 'ES256K', typ: 'vc+jwt' as 'JWT', kid: `${credential.issuer}#controller` },
  );
}

function seconds(field: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidParameterError('credential', `${field} "${value}" is not a date`);
  return Math.floor(ms / 1000);
}

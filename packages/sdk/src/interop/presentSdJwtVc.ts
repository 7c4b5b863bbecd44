import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { LocalAccount } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { sdJwtSignerFor } from './sdJwtSignerFor.js';

export type PresentSdJwtVcParameters = {
  /** The holder's key, the one the token's `cnf.jwk` names. */
  holder: LocalAccount;
  /** Attribute names to disclose; every other disclosure is left out. */
  disclose: readonly string[];
  /** Who the presentation is for (the verifier's client id or URL): the key-binding JWT's `aud`. */
  audience: string;
  /** The verifier's fresh nonce, so the presentation cannot be replayed. */
  nonce: string;
  /** Seconds since the epoch for the key-binding JWT's `iat`; defaults to now. */
  issuedAt?: number;
};

/**
 * The holder's side of SD-JWT VC: keeps only the chosen disclosures and appends a Key Binding JWT
 * (RFC 9901 §4.3) signed ES256K by the holder's key over the verifier's audience and nonce and the
 * hash of what is presented. @sd-jwt builds it; the holder's key signs it.
 *
 * @example
 * const presentation = await presentSdJwtVc(token, { holder, disclose: ['givenName'], audience: 'https://bank.example', nonce })
 */
export async function presentSdJwtVc(token: string, { holder, disclose, audience, nonce, issuedAt = Math.floor(Date.now() / 1000) }: PresentSdJwtVcParameters): Promise<string> {
  if (!audience) throw new InvalidParameterError('audience', 'must name the verifier');
  if (!nonce) throw new InvalidParameterError('nonce', "must be the verifier's nonce");
  const sdjwt = new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256', kbSigner: sdJwtSignerFor(holder), kbSignAlg: 'ES256K' });
  const available = new Set(await sdjwt.presentableKeys(token));
  const unknown = disclose.filter((name) => !available.has(name));
  if (unknown.length > 0) throw new InvalidParameterError('disclose', `the token has no disclosable ${unknown.map((n) => `"${n}"`).join(', ')}`);
  const frame = Object.fromEntries(disclose.map((name) => [name, true]));
  return sdjwt.present(token, frame, { kb: { payload: { iat: issuedAt, aud: audience, nonce } } });
}

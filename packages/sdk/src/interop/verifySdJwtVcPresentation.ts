import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { Address } from 'viem';
import { IdentreeError } from '../errors/base.js';
import { parseIdentreeDid } from '../did/parseIdentreeDid.js';
import { jwkToSecp256k1PublicKey } from './secp256k1Jwk.js';
import { sdJwtVerifierFor } from './sdJwtVerifierFor.js';

/** Why a presentation was refused; each has its own code so a verifier can say which. */
export type SdJwtPresentationRefusal =
  | 'malformed' // not `<jwt>~<disclosure>~…~<kb-jwt>`, or a disclosure that is not [salt, name, value]
  | 'unreferenced_disclosure' // a disclosure whose digest the signed payload does not list: tampered or injected
  | 'duplicate_disclosure'
  | 'issuer_signature_invalid'
  | 'no_holder_key' // the token names no `cnf.jwk`, so nobody can show it is the holder presenting
  | 'key_binding_missing'
  | 'key_binding_invalid' // not signed by the `cnf` key, wrong `typ`, or `sd_hash` over something else
  | 'audience_mismatch'
  | 'nonce_mismatch'
  | 'key_binding_stale'
  | 'expired';

export class SdJwtPresentationError extends IdentreeError {
  override name = 'SdJwtPresentationError';
  constructor(readonly reason: SdJwtPresentationRefusal, message: string, cause?: unknown) {
    super(`SD-JWT presentation refused (${reason}): ${message}`, { cause });
  }
}

export type VerifySdJwtVcPresentationParameters = {
  /** Our own audience, as the holder was told it. */
  audience: string;
  /** The nonce we issued for this presentation. */
  nonce: string;
  /** Who must have issued it; defaults to the address in the token's `iss` DID. */
  issuer?: Address;
  /** Oldest key-binding JWT accepted, in seconds (default 300). */
  maxAgeSeconds?: number;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
};

export type VerifySdJwtVcPresentationReturnType = {
  /** The signed claims with the disclosed attributes filled in. */
  claims: Record<string, unknown>;
  /** Names of the attributes the holder disclosed. */
  disclosed: string[];
};

/**
 * The verifier's side of SD-JWT VC with holder binding, stricter than @sd-jwt alone: @sd-jwt drops
 * a disclosure the payload does not reference (a tampered value, or one injected from another
 * token) and verifies the rest. Here any such disclosure refuses the whole presentation, as
 * RFC 9901 §7.1 asks, and a presentation must carry a Key Binding JWT by the `cnf` key for our
 * audience and nonce. Signatures, `sd_hash` and the nonce are then checked by @sd-jwt.
 *
 * @example
 * const { claims } = await verifySdJwtVcPresentation(presentation, { audience: 'https://bank.example', nonce })
 */
export async function verifySdJwtVcPresentation(
  presentation: string,
  { audience, nonce, issuer, maxAgeSeconds = 300, now = Math.floor(Date.now() / 1000) }: VerifySdJwtVcPresentationParameters,
): Promise<VerifySdJwtVcPresentationReturnType> {
  const parts = presentation.split('~');
  if (parts.length < 2 || parts[0]!.split('.').length !== 3) throw new SdJwtPresentationError('malformed', 'expected <issuer-signed JWT>~<disclosures>~<key-binding JWT>');
  const kbJwt = parts.at(-1)!;
  const disclosures = parts.slice(1, -1);
  if (kbJwt === '') throw new SdJwtPresentationError('key_binding_missing', 'the presentation ends without a key-binding JWT');

  const payload = decodePart(parts[0]!.split('.')[1]!, 'the issuer-signed JWT');
  const referenced = collectDigests(payload);
  const seen = new Set<string>();
  const disclosed: string[] = [];
  for (const encoded of disclosures) {
    const hash = Buffer.from(sha256(utf8ToBytes(encoded))).toString('base64url');
    if (seen.has(hash)) throw new SdJwtPresentationError('duplicate_disclosure', 'a disclosure appears twice');
    seen.add(hash);
    if (!referenced.has(hash)) throw new SdJwtPresentationError('unreferenced_disclosure', 'a disclosure is not referenced by the signed payload (altered, or taken from another token)');
    const d = decodePart(encoded, 'a disclosure');
    if (!Array.isArray(d) || d.length !== 3 || typeof d[0] !== 'string' || typeof d[1] !== 'string' || d[1] === '_sd' || d[1] === '...') {
      throw new SdJwtPresentationError('malformed', 'a disclosure is not [salt, claim name, value]');
    }
    if (Object.hasOwn(payload as object, d[1])) throw new SdJwtPresentationError('malformed', `disclosure "${d[1]}" would overwrite a signed claim`);
    disclosed.push(d[1]);
  }

  const holderJwk = (payload as { cnf?: { jwk?: unknown } }).cnf?.jwk;
  if (!holderJwk) throw new SdJwtPresentationError('no_holder_key', 'the token has no cnf.jwk naming its holder');
  let holderKey;
  try {
    holderKey = jwkToSecp256k1PublicKey(holderJwk);
  } catch (error) {
    throw new SdJwtPresentationError('no_holder_key', (error as Error).message, error);
  }
  const kb = decodePart(kbJwt.split('.')[1] ?? '', 'the key-binding JWT') as { aud?: unknown; nonce?: unknown; iat?: unknown };
  if (kb.aud !== audience) throw new SdJwtPresentationError('audience_mismatch', `the key-binding JWT is for ${JSON.stringify(kb.aud)}, not ${JSON.stringify(audience)}`);
  if (kb.nonce !== nonce) throw new SdJwtPresentationError('nonce_mismatch', 'the key-binding JWT carries another nonce');
  if (typeof kb.iat !== 'number' || kb.iat > now + 60 || kb.iat < now - maxAgeSeconds) {
    throw new SdJwtPresentationError('key_binding_stale', `the key-binding JWT was made at ${String(kb.iat)}, outside the last ${maxAgeSeconds} s`);
  }

  const expectedIssuer = issuer ?? issuerAddress((payload as { iss?: unknown }).iss);
  const issuerVerifier = sdJwtVerifierFor(expectedIssuer);
  const holderVerifier = sdJwtVerifierFor({ publicKey: holderKey });
  // The two signatures are checked here first, so each failure gets its own reason; @sd-jwt then
  // checks them again along with sd_hash, the nonce and the token's validity period.
  const [jwtHead, jwtBody, jwtSignature] = parts[0]!.split('.');
  if (!(await issuerVerifier(`${jwtHead}.${jwtBody}`, jwtSignature ?? ''))) {
    throw new SdJwtPresentationError('issuer_signature_invalid', `the token is not signed by ${expectedIssuer}`);
  }
  const [kbHead, kbBody, kbSignature] = kbJwt.split('.');
  if ((decodePart(kbHead ?? '', 'the key-binding JWT header') as { typ?: unknown })?.typ !== 'kb+jwt') {
    throw new SdJwtPresentationError('key_binding_invalid', 'the key-binding JWT header is not typ "kb+jwt"');
  }
  if (!(await holderVerifier(`${kbHead}.${kbBody}`, kbSignature ?? ''))) {
    throw new SdJwtPresentationError('key_binding_invalid', 'the key-binding JWT is not signed by the key in cnf.jwk');
  }
  const sdjwt = new SDJwtVcInstance({ verifier: issuerVerifier, kbVerifier: holderVerifier, hasher: digest, hashAlg: 'sha-256' });
  try {
    const { payload: claims } = await sdjwt.verify(presentation, { keyBindingNonce: nonce, currentDate: now });
    return { claims: claims as Record<string, unknown>, disclosed };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/expired|exp\b/i.test(message)) throw new SdJwtPresentationError('expired', message, error);
    if (/sd_hash|key ?binding|kb/i.test(message)) throw new SdJwtPresentationError('key_binding_invalid', message, error);
    throw new SdJwtPresentationError('malformed', message, error);
  }
}

function decodePart(part: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new SdJwtPresentationError('malformed', `${what} is not base64url JSON`);
  }
}

function issuerAddress(iss: unknown): Address {
  try {
    return parseIdentreeDid(String(iss)).address;
  } catch (error) {
    throw new SdJwtPresentationError('malformed', `iss ${JSON.stringify(iss)} is not an Identree DID`, error);
  }
}

/** Every digest the signed payload lists: `_sd` arrays in objects and `{ "...": digest }` array items. */
function collectDigests(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1 && typeof (item as Record<string, unknown>)['...'] === 'string') {
        into.add((item as Record<string, string>)['...']);
      } else collectDigests(item, into);
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_sd' && Array.isArray(child)) child.forEach((d) => typeof d === 'string' && into.add(d));
      else collectDigests(child, into);
    }
  }
  return into;
}

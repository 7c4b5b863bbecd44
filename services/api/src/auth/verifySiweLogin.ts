import { getAddress, isAddress, type Address, type Client, type Hex } from 'viem';
import { parseSiweMessage, validateSiweMessage, verifySiweMessage } from 'viem/siwe';
import type { LoginNonceStore } from '@identree/store';

/** What a Sign-In with Ethereum message must say to log in to this service. */
export type SiweLoginPolicy = {
  /** RFC 3986 authority the message must name, e.g. `id.example.org`. */
  domain: string;
  /** The URI the message must name, compared as a string but for a trailing slash. */
  uri: string;
  chainId: number;
  /** How old `issuedAt` may be, and how far past it `expirationTime` may lie. */
  maxMessageAgeMs: number;
  /** How far in the future `issuedAt` may lie, for clients whose clocks run ahead. */
  clockSkewMs: number;
};

/** Why a login failed: for the service's log only. The client always gets the same answer. */
export type LoginFailureReason =
  | 'malformed_message'
  | 'wrong_purpose'
  | 'wrong_domain'
  | 'wrong_scheme'
  | 'wrong_uri'
  | 'wrong_chain'
  | 'issued_in_future'
  | 'stale_message'
  | 'expiry_too_long'
  | 'invalid_message'
  | 'unknown_nonce'
  | 'bad_signature'
  | 'verification_error';

export type VerifySiweLoginParameters = {
  message: string;
  signature: Hex;
  policy: SiweLoginPolicy;
  nonces: LoginNonceStore;
  /** A viem client on the expected chain: ERC-1271 and ERC-6492 signatures are checked on chain. */
  client: Client;
  /** @default new Date() */
  time?: Date;
  /**
   * Resources (prefixes) that mark a message signed for another purpose than this one: refused as
   * `wrong_purpose` before the nonce is spent, so the message can still serve the purpose it was signed for.
   */
  refusedResources?: readonly string[];
};

export type VerifySiweLoginReturnType =
  | { ok: true; address: Address }
  | { ok: false; reason: LoginFailureReason; error?: unknown };

/**
 * Checks a signed EIP-4361 message against the policy, consumes its nonce, then checks the
 * signature (EOA, ERC-1271 or ERC-6492) with viem.
 *
 * The nonce is consumed before the signature is checked: each nonce admits one attempt, whatever
 * its outcome, and a guessed nonce costs no chain call.
 *
 * @example
 * const result = await verifySiweLogin({ message, signature, policy, nonces, client })
 * if (result.ok) result.address // '0xf39F…2266'
 */
export async function verifySiweLogin(parameters: VerifySiweLoginParameters): Promise<VerifySiweLoginReturnType> {
  const { message, signature, policy, nonces, client, time = new Date(), refusedResources = [] } = parameters;
  const fail = (reason: LoginFailureReason, error?: unknown): VerifySiweLoginReturnType => ({ ok: false, reason, ...(error ? { error } : {}) });

  const fields = parseSiweMessage(message);
  const { address, domain, uri, version, chainId, nonce, issuedAt, expirationTime } = fields;
  if (!address || !domain || !uri || !version || chainId === undefined || !nonce || !issuedAt) return fail('malformed_message');
  // EIP-4361 asks for an EIP-55 address; a wrongly checksummed one is a mangled message.
  if (!isAddress(address, { strict: true })) return fail('malformed_message');
  if (Number.isNaN(issuedAt.getTime()) || (expirationTime && Number.isNaN(expirationTime.getTime()))) return fail('malformed_message');
  if ((fields.resources ?? []).some((r) => refusedResources.some((prefix) => r.startsWith(prefix)))) return fail('wrong_purpose');

  if (domain !== policy.domain) return fail('wrong_domain');
  if (fields.scheme !== undefined && `${fields.scheme}:` !== new URL(policy.uri).protocol) return fail('wrong_scheme');
  // An origin with or without its trailing slash is the same place (`new URL(origin).href` adds one).
  if (uri.replace(/\/$/, '') !== policy.uri.replace(/\/$/, '')) return fail('wrong_uri');
  if (chainId !== policy.chainId) return fail('wrong_chain');

  const now = time.getTime();
  if (issuedAt.getTime() > now + policy.clockSkewMs) return fail('issued_in_future');
  if (now - issuedAt.getTime() > policy.maxMessageAgeMs) return fail('stale_message');
  if (expirationTime && expirationTime.getTime() - issuedAt.getTime() > policy.maxMessageAgeMs) return fail('expiry_too_long');
  // viem's own rules on top: version 1, nonce format, expirationTime passed, notBefore reached.
  if (!validateSiweMessage({ message: fields, domain: policy.domain, time })) return fail('invalid_message');

  if (!(await nonces.consume(nonce))) return fail('unknown_nonce');

  try {
    const valid = await verifySiweMessage(client, { message, signature, domain: policy.domain, time });
    return valid ? { ok: true, address: getAddress(address) } : fail('bad_signature');
  } catch (error) {
    // viem already maps a reverting validator to `false`; what throws is a node that did not answer.
    return fail('verification_error', error);
  }
}

import type { Hash, Hex, LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { faceMatchResultHash } from './faceMatchResultHash.js';

export type SignFaceLoginParameters = {
  account: LocalAccount;
  siwe: { domain: string; uri: string; chainId: number; nonce: string; statement?: string };
  /** The template matched and the threshold it was matched at. */
  match: { cid: string; templateVersion: number; model: string; threshold: number };
  /** Hash of the liveness challenge the frames performed. */
  livenessHash?: Hash;
  /**
   * 'not-matched' signs the report of a failed match (`urn:identree:face-mismatch:<hash>`): an honest
   * device sends it, so the service counts the failure against the holder's limit. @default 'matched'
   */
  outcome?: 'matched' | 'not-matched';
};
export type SignFaceLoginReturnType = { message: string; signature: Hex; matchResultHash: Hash };

/**
 * Signs the SIWE message of a face login after a local match: its resources carry
 * `urn:identree:face-match:<hash>` of the match result bound to the liveness challenge.
 *
 * @example
 * const { message, signature } = await signFaceLogin({ account, siwe, match, livenessHash })
 */
export async function signFaceLogin({ account, siwe, match, livenessHash, outcome = 'matched' }: SignFaceLoginParameters): Promise<SignFaceLoginReturnType> {
  const matchResultHash = faceMatchResultHash({ ...match, livenessHash });
  const message = createSiweMessage({
    address: account.address, chainId: siwe.chainId, domain: siwe.domain, nonce: siwe.nonce, uri: siwe.uri, version: '1',
    statement: siwe.statement ?? 'Sign in with Identree using face login.',
    resources: [`urn:identree:${outcome === 'matched' ? 'face-match' : 'face-mismatch'}:${matchResultHash}`],
  });
  return { message, signature: await account.signMessage({ message }), matchResultHash };
}

import { getAddress, isAddress, type Address } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/** The DID method name: `did:identree:<chainId>:<address>`. */
export const IDENTREE_DID_METHOD = 'identree';

export type ToIdentreeDidParameters = { chainId: number; address: Address };
export type ToIdentreeDidReturnType = `did:identree:${number}:${Address}`;

/**
 * The DID of an account on one Identree deployment's chain. The address is always EIP-55
 * checksummed, so one account has exactly one DID string per chain.
 *
 * @example
 * toIdentreeDid({ chainId: 31337, address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' })
 * // 'did:identree:31337:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 */
export function toIdentreeDid({ chainId, address }: ToIdentreeDidParameters): ToIdentreeDidReturnType {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new InvalidParameterError('chainId', 'must be a positive integer');
  // Strict: a mixed-case address with a wrong checksum is a typo, not another spelling.
  if (!isAddress(address)) throw new InvalidParameterError('address', `${address} is not an address (or its checksum is wrong)`);
  return `did:${IDENTREE_DID_METHOD}:${chainId}:${getAddress(address)}`;
}

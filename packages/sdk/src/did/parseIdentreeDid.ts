import { getAddress, isAddress, type Address } from 'viem';
import { InvalidDidError } from './errors.js';
import { IDENTREE_DID_METHOD } from './toIdentreeDid.js';

export type ParseIdentreeDidReturnType = { chainId: number; address: Address };

const PREFIX = `did:${IDENTREE_DID_METHOD}:`;

/**
 * Splits a `did:identree` DID into its chain and account. Only the canonical form is accepted
 * (decimal chain id without leading zeros, EIP-55 address), so two different strings never name
 * the same entity.
 *
 * @throws {InvalidDidError} when the DID is malformed or not canonical.
 * @example
 * const { chainId, address } = parseIdentreeDid('did:identree:31337:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
 */
export function parseIdentreeDid(did: string): ParseIdentreeDidReturnType {
  if (typeof did !== 'string' || !did.startsWith(PREFIX)) throw new InvalidDidError(String(did), `expected "${PREFIX}<chainId>:<address>"`);
  const parts = did.slice(PREFIX.length).split(':');
  if (parts.length !== 2) throw new InvalidDidError(did, `expected "${PREFIX}<chainId>:<address>"`);
  const [chain, address] = parts as [string, string];
  if (!/^[1-9][0-9]*$/.test(chain) || !Number.isSafeInteger(Number(chain))) {
    throw new InvalidDidError(did, `chain id "${chain}" is not a positive decimal integer`);
  }
  if (!isAddress(address, { strict: false })) throw new InvalidDidError(did, `"${address}" is not a 20-byte hex address`);
  const checksummed = getAddress(address);
  if (address !== checksummed) throw new InvalidDidError(did, `the address must be EIP-55 checksummed (${checksummed})`);
  return { chainId: Number(chain), address: checksummed };
}

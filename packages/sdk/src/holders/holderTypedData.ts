import type { Account, Address, Hash, Hex } from 'viem';
import { signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import { DEFAULT_HOLDER_MESSAGE_LIFETIME } from '../utils/holderMessages.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from './holderRegistryCall.js';

/** The EIP-712 types the holder registry verifies; mirrors the typehashes in `contracts/src/holders`. */
export const HOLDER_REGISTRY_TYPES = {
  GrantAccess: [
    { name: 'holder', type: 'address' },
    { name: 'verifier', type: 'address' },
    { name: 'uid', type: 'bytes32' },
    { name: 'duration', type: 'uint32' },
    { name: 'attributes', type: 'bytes26' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  RevokeAccess: [
    { name: 'holder', type: 'address' },
    { name: 'verifier', type: 'address' },
    { name: 'uid', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  AcceptKey: [
    { name: 'identity', type: 'address' },
    { name: 'newKey', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  RotateKey: [
    { name: 'identity', type: 'address' },
    { name: 'newKey', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  AddGuardian: [
    { name: 'identity', type: 'address' },
    { name: 'guardian', type: 'address' },
    { name: 'threshold', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  RemoveGuardian: [
    { name: 'identity', type: 'address' },
    { name: 'guardian', type: 'address' },
    { name: 'threshold', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  ApproveRecovery: [
    { name: 'guardian', type: 'address' },
    { name: 'identity', type: 'address' },
    { name: 'newKey', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  CancelRecovery: [
    { name: 'identity', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  /** An authority's write (an identity-registry call, or the holder registry's rebind, compromise report or access log), relayed and paid for by a sponsor (`relayAuthorityCall`). */
  AuthorityCall: [
    { name: 'signer', type: 'address' },
    { name: 'data', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;
export type HolderRegistryMessageType = keyof typeof HOLDER_REGISTRY_TYPES;

type Eip712Domain = readonly [Hex, string, string, bigint, Address, Hash, readonly bigint[]];

export type SignHolderRegistryMessageParameters = HolderRegistryParameters & {
  /** The signer: a local account, or an address the wallet client can sign for. */
  account?: Account | Address;
  /** Default: `DEFAULT_HOLDER_MESSAGE_LIFETIME` seconds from now, by this machine's clock. */
  deadline?: bigint;
  /** Default: the current nonce of `nonceOf`, read from the contract. Pass a later one to sign ahead. */
  nonce?: bigint;
};

/**
 * Signs one holder-registry message with the domain the contract itself reports (ERC-5267:
 * "Identree Holders", "1", chain, the holder registry), so the signature is bound to this contract
 * and chain. Nothing is sent.
 */
export async function signHolderRegistryMessage<const T extends HolderRegistryMessageType>(
  client: RegistryClient,
  primaryType: T,
  parameters: SignHolderRegistryMessageParameters & { nonceOf: Address; message: (nonce: bigint, deadline: bigint) => Record<string, unknown> },
): Promise<{ signer: Address; nonce: bigint; deadline: bigint; signature: Hex }> {
  const { holderRegistry } = parameters;
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('Signing needs an account: pass `account` or use a wallet client with one.');
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readHolderRegistry<Eip712Domain>(client, { holderRegistry, functionName: 'eip712Domain' }),
    parameters.nonce ?? readHolderRegistry<bigint>(client, { holderRegistry, functionName: 'nonces', args: [parameters.nonceOf] }),
  ]);
  const deadline = parameters.deadline ?? BigInt(Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME);
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: HOLDER_REGISTRY_TYPES,
    primaryType,
    message: parameters.message(nonce, deadline) as never,
  } as never);
  return { signer: typeof account === 'string' ? account : account.address, nonce, deadline, signature };
}

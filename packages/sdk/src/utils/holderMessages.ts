import type { Account, Address, Hash, Hex } from 'viem';
import { signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import { readRegistry, type RegistryClient, type RegistryParameters, type RegistryWriteParameters } from './writeRegistry.js';

/** The EIP-712 types of holder actions; mirrors `IHolderSignatures.sol`. */
export const HOLDER_MESSAGE_TYPES = {
  LinkCredential: [
    { name: 'holder', type: 'address' },
    { name: 'uid', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  UnlinkCredential: [
    { name: 'holder', type: 'address' },
    { name: 'uid', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;
export type HolderMessageType = keyof typeof HOLDER_MESSAGE_TYPES;

/** How long a signed holder message stays valid unless the signer picks a deadline. */
export const DEFAULT_HOLDER_MESSAGE_LIFETIME = 3600;

/** A holder action signed by the holder: all a sponsor needs to submit it and pay for it. */
export type SignedHolderMessage = {
  holder: Address;
  uid: Hash;
  /** The holder's registry nonce the message was signed at; the registry accepts it only while current. */
  nonce: bigint;
  /** Last block timestamp (unix seconds) at which the registry accepts the message. */
  deadline: bigint;
  signature: Hex;
};

export type SignHolderMessageParameters = RegistryParameters & {
  /** The holder's current key, which signs (a local account, or an address the wallet client can sign for). */
  account?: Account | Address;
  /**
   * The identity the message speaks for: the key's own address (the default) until the identity's
   * first change of key, then the identity the key was bound to. The registry checks the signature
   * against that identity's current key and consumes that identity's nonce.
   */
  identity?: Address;
  uid: Hash;
  /** Default: `DEFAULT_HOLDER_MESSAGE_LIFETIME` seconds from now, by this machine's clock. */
  deadline?: bigint;
  /** Default: the holder's current nonce, read from the registry. Pass the next one to sign ahead. */
  nonce?: bigint;
};

/** What a sponsor relays: a signed holder message. Its `nonce` is not sent; the registry uses the current one. */
export type RelayHolderMessageParameters = RegistryWriteParameters &
  Omit<SignedHolderMessage, 'nonce'> & { nonce?: bigint };

type Eip712Domain = readonly [Hex, string, string, bigint, Address, Hash, readonly bigint[]];

/**
 * Signs a holder message with the domain the registry itself reports (ERC-5267), so the signature
 * is bound to this registry and chain whatever the client believes. Only the signature is made here;
 * nothing is sent, and the holder needs no ether.
 */
export async function signHolderMessage(
  client: RegistryClient,
  primaryType: HolderMessageType,
  parameters: SignHolderMessageParameters,
): Promise<SignedHolderMessage> {
  const { registry, uid } = parameters;
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError("Signing needs the holder's account: pass `account` or use a wallet client with one.");
  const holder = parameters.identity ?? (typeof account === 'string' ? account : account.address);
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readRegistry<Eip712Domain>(client, { registry, functionName: 'eip712Domain' }),
    parameters.nonce ?? readRegistry<bigint>(client, { registry, functionName: 'nonces', args: [holder] }),
  ]);
  const deadline = parameters.deadline ?? BigInt(Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME);
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: HOLDER_MESSAGE_TYPES,
    primaryType,
    message: { holder, uid, nonce, deadline },
  });
  return { holder, uid, nonce, deadline, signature };
}

import type { Account, Address, Hash, Hex } from 'viem';
import { signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import { DEFAULT_HOLDER_MESSAGE_LIFETIME } from '../utils/holderMessages.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { checkTemplateVersion, faceTemplateCidBytes, readFaceTemplateRegistry, type FaceTemplateRegistryParameters } from './faceTemplateRegistryCall.js';

/** The EIP-712 types the face template registry verifies; mirrors the typehashes in `FaceTemplateRegistry.sol`. */
export const FACE_TEMPLATE_TYPES = {
  EnrollFaceTemplate: [
    { name: 'identity', type: 'address' },
    { name: 'cid', type: 'bytes' },
    { name: 'version', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  ReenrollFaceTemplate: [
    { name: 'identity', type: 'address' },
    { name: 'cid', type: 'bytes' },
    { name: 'version', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  EraseFaceTemplate: [
    { name: 'identity', type: 'address' },
    { name: 'version', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export type FaceTemplateAction = 'enroll' | 'reenroll' | 'erase';
const PRIMARY = { enroll: 'EnrollFaceTemplate', reenroll: 'ReenrollFaceTemplate', erase: 'EraseFaceTemplate' } as const;

/** A face template action signed by the holder's current key: all a sponsor needs to relay it. */
export type SignedFaceTemplateMessage = {
  action: FaceTemplateAction;
  identity: Address;
  /** Binary CID (hex); absent for an erasure. */
  cid?: Hex;
  templateVersion: number;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
};

export type SignFaceTemplateMessageParameters = FaceTemplateRegistryParameters & {
  action: FaceTemplateAction;
  /** The identity; default the signing account (right until the holder rotates its key). */
  identity?: Address;
  /** The sealed template's CID; required to enroll or re-enroll. */
  cid?: string;
  /** The version enrolled, or for an erasure the version erased. */
  templateVersion: number;
  account?: Account | Address;
  deadline?: bigint;
  nonce?: bigint;
};

type Eip712Domain = readonly [Hex, string, string, bigint, Address, Hash, readonly bigint[]];

export type FaceTemplateTypedDataParameters = Omit<SignFaceTemplateMessageParameters, 'account' | 'identity'> & { identity: Address };

/**
 * The EIP-712 message a face template action needs, with the domain the contract reports and the
 * identity's current nonce: what a wallet or a CLI signs when the signing key is elsewhere.
 *
 * @example
 * const typed = await faceTemplateTypedData(client, { faceTemplateRegistry, action: 'erase', identity, templateVersion: 2 })
 */
export async function faceTemplateTypedData(client: RegistryClient, parameters: FaceTemplateTypedDataParameters) {
  const { faceTemplateRegistry, action, identity } = parameters;
  const templateVersion = checkTemplateVersion(parameters.templateVersion);
  if (action !== 'erase' && parameters.cid === undefined) throw new IdentreeError(`Signing a face template ${action} needs the template's CID.`);
  const cid = action === 'erase' ? undefined : faceTemplateCidBytes(parameters.cid!);
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readFaceTemplateRegistry<Eip712Domain>(client, { faceTemplateRegistry, functionName: 'eip712Domain' }),
    parameters.nonce ?? readFaceTemplateRegistry<bigint>(client, { faceTemplateRegistry, functionName: 'nonces', args: [identity] }),
  ]);
  const deadline = parameters.deadline ?? BigInt(Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME);
  const message = cid === undefined
    ? { identity, version: templateVersion, nonce, deadline }
    : { identity, cid, version: templateVersion, nonce, deadline };
  return {
    domain: { name, version, chainId, verifyingContract },
    types: { [PRIMARY[action]]: FACE_TEMPLATE_TYPES[PRIMARY[action]] },
    primaryType: PRIMARY[action],
    message,
  };
}

/**
 * The holder's current key signs an enroll, re-enroll or erase message for the face template registry
 * (EIP-712, domain "Identree Face Templates" v1, as the contract reports it), for a service to relay.
 *
 * @example
 * const signed = await signFaceTemplateMessage(holderClient, { faceTemplateRegistry, action: 'enroll', cid: envelope.cid, templateVersion: 1 })
 */
export async function signFaceTemplateMessage(
  client: RegistryClient,
  parameters: SignFaceTemplateMessageParameters,
): Promise<SignedFaceTemplateMessage> {
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('Signing needs an account: pass `account` or use a wallet client with one.');
  const identity = parameters.identity ?? (typeof account === 'string' ? account : account.address);
  const typed = await faceTemplateTypedData(client, { ...parameters, identity });
  const signature = await signTypedData(client, { account, ...typed } as never);
  const { nonce, deadline, version: templateVersion } = typed.message;
  const cid = 'cid' in typed.message ? typed.message.cid : undefined;
  return { action: parameters.action, identity, ...(cid ? { cid } : {}), templateVersion, nonce, deadline, signature };
}

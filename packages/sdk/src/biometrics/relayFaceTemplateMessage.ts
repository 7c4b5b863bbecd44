import type { Account, Address } from 'viem';
import { IdentreeError } from '../errors/base.js';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeFaceTemplateRegistry, type FaceTemplateRegistryParameters } from './faceTemplateRegistryCall.js';
import type { SignedFaceTemplateMessage } from './signFaceTemplateMessage.js';

export type RelayFaceTemplateMessageParameters = FaceTemplateRegistryParameters & SignedFaceTemplateMessage & { account?: Account | Address };
export type RelayFaceTemplateMessageReturnType = TransactionResult;

/**
 * A sponsor (the biometrics service) submits the holder's signed face template message and pays the gas;
 * the chain checks the signature against the identity's current key and the nonce.
 *
 * @example
 * await relayFaceTemplateMessage(serviceClient, { faceTemplateRegistry, ...signed })
 */
export async function relayFaceTemplateMessage(
  client: RegistryClient,
  { faceTemplateRegistry, account, action, identity, cid, templateVersion, deadline, signature }: RelayFaceTemplateMessageParameters,
): Promise<RelayFaceTemplateMessageReturnType> {
  const write = (functionName: string, args: readonly unknown[]) => writeFaceTemplateRegistry(client, { faceTemplateRegistry, account, functionName, args });
  if (action !== 'erase' && !cid) throw new IdentreeError(`A relayed face template ${action} needs the template's CID.`);
  const { hash, blockNumber, gasUsed } = action === 'erase'
    ? await write('eraseFaceTemplateBySig', [identity, templateVersion, deadline, signature])
    : await write(action === 'reenroll' ? 'reenrollFaceTemplateBySig' : 'enrollFaceTemplateBySig', [identity, cid, templateVersion, deadline, signature]);
  return { hash, blockNumber, gasUsed };
}

import { encodeFunctionData, type Address } from 'viem';
import { simulateContract } from 'viem/actions';
import { faceTemplateRegistryAbi } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { decodeFaceTemplateRegistryError } from '../errors/faceTemplateRegistry.js';
import type { PreparedCall } from '../prepare/types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { checkTemplateVersion, type FaceTemplateRegistryParameters } from './faceTemplateRegistryCall.js';
import type { SignedFaceTemplateMessage } from './signFaceTemplateMessage.js';

export type PrepareRelayedFaceTemplateMessageParameters = FaceTemplateRegistryParameters & SignedFaceTemplateMessage;
export type PrepareRelayedFaceTemplateMessageReturnType = PreparedCall & { functionName: 'enrollFaceTemplateBySig' | 'reenrollFaceTemplateBySig' | 'eraseFaceTemplateBySig'; args: readonly unknown[] };

/**
 * The sponsor's unsigned call for a holder's signed face template message: what a chain worker signs,
 * pays for and sends from its outbox (`relayFaceTemplateMessage` sends it directly instead). Pure.
 *
 * @example
 * const call = prepareRelayedFaceTemplateMessage({ faceTemplateRegistry, ...signed })
 */
export function prepareRelayedFaceTemplateMessage(
  { faceTemplateRegistry, action, identity, cid, templateVersion, deadline, signature }: PrepareRelayedFaceTemplateMessageParameters,
): PrepareRelayedFaceTemplateMessageReturnType {
  checkTemplateVersion(templateVersion);
  if (action !== 'erase' && !cid) throw new IdentreeError(`A relayed face template ${action} needs the template's CID.`);
  const [functionName, args] = action === 'erase'
    ? ['eraseFaceTemplateBySig' as const, [identity, templateVersion, deadline, signature] as const]
    : [action === 'reenroll' ? 'reenrollFaceTemplateBySig' as const : 'enrollFaceTemplateBySig' as const, [identity, cid, templateVersion, deadline, signature] as const];
  const data = encodeFunctionData({ abi: faceTemplateRegistryAbi, functionName, args: args as never });
  return { to: faceTemplateRegistry, data, functionName, args };
}

/**
 * Runs a prepared face template relay without sending it, as `account` (the sponsor), so a forged, stale
 * or refused message is answered with its typed revert before anything is paid for.
 *
 * @example
 * await simulateRelayedFaceTemplateMessage(reader, { call, account: sponsorAddress })
 */
export async function simulateRelayedFaceTemplateMessage(client: RegistryClient, { call, account }: { call: PrepareRelayedFaceTemplateMessageReturnType; account: Address }): Promise<void> {
  try {
    await simulateContract(client, { address: call.to, abi: faceTemplateRegistryAbi, functionName: call.functionName, args: call.args as never, account });
  } catch (error) {
    throw decodeFaceTemplateRegistryError(error);
  }
}

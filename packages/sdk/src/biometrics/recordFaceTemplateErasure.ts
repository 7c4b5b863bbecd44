import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeFaceTemplateRegistry, type FaceTemplateRegistryWriteParameters } from './faceTemplateRegistryCall.js';

export type RecordFaceTemplateErasureParameters = FaceTemplateRegistryWriteParameters;
export type RecordFaceTemplateErasureReturnType = TransactionResult;

/**
 * The holder's current key records on chain that its face template is erased (`FaceTemplateErased`).
 * Destroying the wrapped keys and unpinning the blob happen off chain, before this.
 *
 * @example
 * await recordFaceTemplateErasure(holderClient, { faceTemplateRegistry })
 */
export async function recordFaceTemplateErasure(
  client: RegistryClient,
  parameters: RecordFaceTemplateErasureParameters,
): Promise<RecordFaceTemplateErasureReturnType> {
  const { hash, blockNumber, gasUsed } = await writeFaceTemplateRegistry(client, { ...parameters, functionName: 'eraseFaceTemplate', args: [] });
  return { hash, blockNumber, gasUsed };
}

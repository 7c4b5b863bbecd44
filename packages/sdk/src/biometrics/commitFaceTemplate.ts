import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { checkTemplateVersion, faceTemplateCidBytes, writeFaceTemplateRegistry, type FaceTemplateRegistryWriteParameters } from './faceTemplateRegistryCall.js';

export type CommitFaceTemplateParameters = FaceTemplateRegistryWriteParameters & {
  /** The sealed template's CID (`envelope.cid`). */
  cid: string;
  /** The sealed template's version (`envelope.templateVersion`); above every version used before. */
  templateVersion: number;
  /** `enroll` for a first template (or the first after an erasure), `reenroll` to replace the current one. */
  mode?: 'enroll' | 'reenroll';
};
export type CommitFaceTemplateReturnType = TransactionResult;

/**
 * The holder's current key records the commitment to its sealed face template on chain (one slot), or
 * replaces it at re-enrollment; the event carries the CID.
 *
 * @example
 * await commitFaceTemplate(holderClient, { faceTemplateRegistry, cid: envelope.cid, templateVersion: envelope.templateVersion })
 */
export async function commitFaceTemplate(
  client: RegistryClient,
  { cid, templateVersion, mode = 'enroll', ...rest }: CommitFaceTemplateParameters,
): Promise<CommitFaceTemplateReturnType> {
  const args = [faceTemplateCidBytes(cid), checkTemplateVersion(templateVersion)] as const;
  const functionName = mode === 'reenroll' ? 'reenrollFaceTemplate' : 'enrollFaceTemplate';
  const { hash, blockNumber, gasUsed } = await writeFaceTemplateRegistry(client, { ...rest, functionName, args });
  return { hash, blockNumber, gasUsed };
}

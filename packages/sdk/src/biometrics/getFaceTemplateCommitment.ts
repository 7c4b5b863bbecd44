import type { Address, Hex } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { faceTemplateCidBytes, readFaceTemplateRegistry, type FaceTemplateRegistryParameters } from './faceTemplateRegistryCall.js';

const STATUSES = ['none', 'enrolled', 'erased'] as const;
export type FaceTemplateCommitmentStatus = (typeof STATUSES)[number];

export type GetFaceTemplateCommitmentParameters = FaceTemplateRegistryParameters & { identity: Address };
export type GetFaceTemplateCommitmentReturnType = { commitment: Hex; templateVersion: number; status: FaceTemplateCommitmentStatus };

/**
 * What the chain records for an identity's face template: its commitment, version and status.
 *
 * @example
 * const { status, templateVersion } = await getFaceTemplateCommitment(client, { faceTemplateRegistry, identity })
 */
export async function getFaceTemplateCommitment(
  client: RegistryClient,
  { identity, ...rest }: GetFaceTemplateCommitmentParameters,
): Promise<GetFaceTemplateCommitmentReturnType> {
  const t = await readFaceTemplateRegistry<{ commitment: Hex; version: number; status: number }>(client, { ...rest, functionName: 'faceTemplateOf', args: [identity] });
  return { commitment: t.commitment, templateVersion: Number(t.version), status: STATUSES[t.status] ?? 'none' };
}

export type IsCurrentFaceTemplateParameters = FaceTemplateRegistryParameters & { identity: Address; cid: string; templateVersion: number };

/**
 * Whether a sealed template (its CID and version) is the one the identity has enrolled now, so a blob
 * fetched from the store is neither swapped nor an older, replaced or erased copy.
 *
 * @example
 * if (!(await isCurrentFaceTemplate(client, { faceTemplateRegistry, identity, cid: envelope.cid, templateVersion: envelope.templateVersion }))) throw …
 */
export async function isCurrentFaceTemplate(
  client: RegistryClient,
  { identity, cid, templateVersion, ...rest }: IsCurrentFaceTemplateParameters,
): Promise<boolean> {
  if (!Number.isSafeInteger(templateVersion) || templateVersion < 1 || templateVersion > 0xffff_ffff) return false;
  return readFaceTemplateRegistry<boolean>(client, { ...rest, functionName: 'isCurrentFaceTemplate', args: [identity, faceTemplateCidBytes(cid), templateVersion] });
}

import { getAddress, type Address } from 'viem';
import type { SignedFaceTemplateMessage } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';
import type { FaceServicePorts } from '../ports/ports.js';

export type EraseTemplateParameters = FaceServicePorts & {
  identity: Address;
  /** The holder's signed `erase` message for the face template registry, naming the version erased. */
  signed: SignedFaceTemplateMessage;
};
export type EraseTemplateReturnType = { cid: string; templateVersion: number; transactionHash: `0x${string}` | null };

/**
 * Erases a holder's face template (GDPR Art. 17). The signed erasure is relayed first, so a forged or
 * stale request erases nothing; then the envelope (the only wrapped copies of the data key) is destroyed
 * and the blob deleted or unpinned. An erasure the chain already holds (a retry after a failure here) is
 * not relayed again, so the off-chain half always completes. Every step is audited.
 *
 * @example
 * await eraseTemplate({ ...ports, identity, signed })
 */
export async function eraseTemplate(p: EraseTemplateParameters): Promise<EraseTemplateReturnType> {
  const identity = getAddress(p.identity);
  if (p.signed.action !== 'erase' || getAddress(p.signed.identity) !== identity) {
    throw new FaceRequestError('holder_mismatch', 'the signed chain message must erase the signed-in identity\'s template');
  }
  const record = await p.records.get(identity);
  if (!record) throw new FaceRequestError('template_not_found', `${identity} has no face template`);
  const { cid, templateVersion } = record.envelope;
  if (p.signed.templateVersion !== templateVersion) {
    throw new FaceRequestError('template_mismatch', `the signed erasure names version ${p.signed.templateVersion}, but version ${templateVersion} is enrolled`);
  }
  const onChain = await p.chain.status(identity);
  let transactionHash: `0x${string}` | null = null;
  if (!(onChain.status === 'erased' && onChain.templateVersion === templateVersion)) {
    try {
      ({ hash: transactionHash } = await p.chain.relay(p.signed));
    } catch (error) {
      throw new FaceRequestError('chain_refused', `the face template registry refused the erasure: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
  }
  await p.records.delete(identity);
  await p.audit.append({ at: Date.now(), holder: identity, action: 'erased', cid, templateVersion });
  await p.blobs.remove(cid);
  await p.audit.append({ at: Date.now(), holder: identity, action: 'unpinned', cid, templateVersion });
  return { cid, templateVersion, transactionHash };
}

import { getAddress, type Address } from 'viem';
import type { FaceTemplateEnvelope } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';
import type { FaceChain } from '../ports/ports.js';

/**
 * Every key an envelope wraps the template's data key to, other than the holder's signing-in key, must be
 * the current key of one of the holder's current guardians, so that a guardian can give face login back
 * after a recovery, and nobody else can ever open the template. Each recipient once.
 */
export async function checkGuardianRecipients(chain: Pick<FaceChain, 'identityOf' | 'isGuardian'>, envelope: FaceTemplateEnvelope, identity: Address, key: Address): Promise<void> {
  const recipients = envelope.wrappedKeys.map((k) => getAddress(k.recipient));
  if (new Set(recipients).size !== recipients.length) throw new FaceRequestError('envelope_invalid', 'the face template envelope wraps its key to one recipient twice');
  for (const recipient of recipients) {
    if (recipient === getAddress(key)) continue;
    const guardian = await chain.identityOf(recipient);
    if (!guardian || guardian === identity || !(await chain.isGuardian(identity, guardian))) {
      throw new FaceRequestError('recipient_not_guardian', `the face template envelope wraps its key to ${recipient}, which is neither the holder's key nor a current guardian's of ${identity}`);
    }
  }
}

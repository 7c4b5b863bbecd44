import type { AnchorCredentialParameters } from '../actions/anchorCredential.js';
import { prepareAnchorCredential, type PrepareAnchorCredentialParameters } from './prepareAnchorCredential.js';
import type { PreparedCall } from './types.js';

export type PrepareAnchorBirthCertificateParameters = Omit<PrepareAnchorCredentialParameters, 'parents'> & {
  /** The subject's parents' identities; either may be unknown (the zero address is sent). */
  parents: NonNullable<AnchorCredentialParameters['parents']>;
};
export type PrepareAnchorBirthCertificateReturnType = PreparedCall;

/**
 * The unsigned call of `anchorBirthCertificate(request, father, mother)`: a government anchors a birth
 * certificate and links the parents. The same as `prepareAnchorCredential` with `parents`, named for
 * the contract function. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareAnchorBirthCertificate({
 *   registry, subject: baby, credentialType: CredentialType.BirthCertificate, commitment: root,
 *   parents: { father, mother },
 * })
 */
export function prepareAnchorBirthCertificate(
  parameters: PrepareAnchorBirthCertificateParameters,
): PrepareAnchorBirthCertificateReturnType {
  return prepareAnchorCredential(parameters);
}

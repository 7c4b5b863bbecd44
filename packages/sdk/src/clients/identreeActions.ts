import type { Address } from 'viem';
import { acceptRoot } from '../actions/acceptRoot.js';
import { accreditIssuer } from '../actions/accreditIssuer.js';
import { addAchievement } from '../actions/addAchievement.js';
import { anchorCredential } from '../actions/anchorCredential.js';
import { approveCredentialTransfer } from '../actions/approveCredentialTransfer.js';
import { defineCredentialType } from '../actions/defineCredentialType.js';
import { getCredential } from '../actions/getCredential.js';
import { getCredentialTypeName } from '../actions/getCredentialTypeName.js';
import { getEntity } from '../actions/getEntity.js';
import { getIdentityTree } from '../actions/getIdentityTree.js';
import { getRoot } from '../actions/getRoot.js';
import { isCredentialValid } from '../actions/isCredentialValid.js';
import { linkCredential } from '../actions/linkCredential.js';
import { registerEntity } from '../actions/registerEntity.js';
import { reinstateEntity } from '../actions/reinstateEntity.js';
import { requestCredentialTransfer } from '../actions/requestCredentialTransfer.js';
import { revokeAccreditation } from '../actions/revokeAccreditation.js';
import { revokeCredential } from '../actions/revokeCredential.js';
import { revokeCredentialOf } from '../actions/revokeCredentialOf.js';
import { revokeEntity } from '../actions/revokeEntity.js';
import { suspendEntity } from '../actions/suspendEntity.js';
import { transferRoot } from '../actions/transferRoot.js';
import { setBaseTokenURI } from '../actions/setBaseTokenURI.js';
import { unlinkCredential } from '../actions/unlinkCredential.js';
import { getCredentialHistory } from '../actions/getCredentialHistory.js';
import { getAchievements } from '../actions/getAchievements.js';
import { getParents } from '../actions/getParents.js';
import { getTokenURI } from '../actions/getTokenURI.js';
import { anchorCredentialBatch } from '../actions/anchorCredentialBatch.js';
import { anchorIdentityBatch } from '../actions/anchorIdentityBatch.js';
import { claimIdentity } from '../actions/claimIdentity.js';
import { getCredentialBatch } from '../actions/getCredentialBatch.js';
import { getIdentityBatch } from '../actions/getIdentityBatch.js';
import { isBatchCredentialValid } from '../actions/isBatchCredentialValid.js';
import { revokeBatchCredential } from '../actions/revokeBatchCredential.js';
import { relayLinkCredential } from '../actions/relayLinkCredential.js';
import { relayUnlinkCredential } from '../actions/relayUnlinkCredential.js';
import { signLinkCredential } from '../actions/signLinkCredential.js';
import { signUnlinkCredential } from '../actions/signUnlinkCredential.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

const actions = {
  acceptRoot,
  accreditIssuer,
  addAchievement,
  anchorCredential,
  approveCredentialTransfer,
  defineCredentialType,
  getAchievements,
  getCredential,
  getCredentialTypeName,
  getCredentialHistory,
  getEntity,
  getIdentityTree,
  getParents,
  getTokenURI,
  getRoot,
  isCredentialValid,
  linkCredential,
  registerEntity,
  reinstateEntity,
  requestCredentialTransfer,
  revokeAccreditation,
  revokeCredential,
  revokeCredentialOf,
  revokeEntity,
  suspendEntity,
  transferRoot,
  setBaseTokenURI,
  unlinkCredential,
  anchorCredentialBatch,
  anchorIdentityBatch,
  claimIdentity,
  getCredentialBatch,
  getIdentityBatch,
  isBatchCredentialValid,
  revokeBatchCredential,
  relayLinkCredential,
  relayUnlinkCredential,
  signLinkCredential,
  signUnlinkCredential,
};

type Bound<A> = {
  [K in keyof A]: A[K] extends (client: RegistryClient, parameters: infer P) => infer R
    ? (parameters: Omit<P, 'registry'>) => R
    : never;
};
export type IdentreeActions = Bound<typeof actions> & { registry: Address };

/**
 * Binds every registry action to one deployment, in the manner of viem's decorators.
 *
 * @example
 * const gov = createWalletClient({ account, chain, transport }).extend(publicActions).extend(identreeActions(registry))
 * await gov.registerEntity({ entity: alice, kind: 'Person' })
 */
export function identreeActions(registry: Address) {
  return (client: RegistryClient): IdentreeActions => {
    const bound = Object.fromEntries(
      Object.entries(actions).map(([name, action]) => [name, (p: object) => (action as Function)(client, { ...p, registry })]),
    );
    return { ...bound, registry } as IdentreeActions;
  };
}

import type { Address } from 'viem';
import { checkAccess } from '../consent/checkAccess.js';
import { getAccessLog } from '../consent/getAccessLog.js';
import { getGrant } from '../consent/getGrant.js';
import { grantAccess } from '../consent/grantAccess.js';
import { logAccess } from '../consent/logAccess.js';
import { relayGrantAccess } from '../consent/relayGrantAccess.js';
import { relayRevokeAccess } from '../consent/relayRevokeAccess.js';
import { revokeAccess } from '../consent/revokeAccess.js';
import { signGrantAccess } from '../consent/signGrantAccess.js';
import { signRevokeAccess } from '../consent/signRevokeAccess.js';
import { addGuardian } from '../recovery/addGuardian.js';
import { approveRecovery } from '../recovery/approveRecovery.js';
import { cancelRecovery } from '../recovery/cancelRecovery.js';
import { finalizeRecovery } from '../recovery/finalizeRecovery.js';
import { guardianSetOf } from '../recovery/guardianSetOf.js';
import { identityOf } from '../recovery/identityOf.js';
import { isGuardian } from '../recovery/isGuardian.js';
import { keyOf } from '../recovery/keyOf.js';
import { rebindByRegistrar } from '../recovery/rebindByRegistrar.js';
import { recoveryOf } from '../recovery/recoveryOf.js';
import { relayAddGuardian } from '../recovery/relayAddGuardian.js';
import { relayApproveRecovery } from '../recovery/relayApproveRecovery.js';
import { relayCancelRecovery } from '../recovery/relayCancelRecovery.js';
import { relayRemoveGuardian } from '../recovery/relayRemoveGuardian.js';
import { relayRotateKey } from '../recovery/relayRotateKey.js';
import { removeGuardian } from '../recovery/removeGuardian.js';
import { rotateKey } from '../recovery/rotateKey.js';
import { signAcceptKey } from '../recovery/signAcceptKey.js';
import { signAddGuardian } from '../recovery/signAddGuardian.js';
import { signApproveRecovery } from '../recovery/signApproveRecovery.js';
import { signCancelRecovery } from '../recovery/signCancelRecovery.js';
import { signRemoveGuardian } from '../recovery/signRemoveGuardian.js';
import { signRotateKey } from '../recovery/signRotateKey.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

const actions = {
  addGuardian,
  approveRecovery,
  cancelRecovery,
  checkAccess,
  finalizeRecovery,
  getAccessLog,
  getGrant,
  grantAccess,
  guardianSetOf,
  identityOf,
  isGuardian,
  keyOf,
  logAccess,
  rebindByRegistrar,
  recoveryOf,
  relayAddGuardian,
  relayApproveRecovery,
  relayCancelRecovery,
  relayGrantAccess,
  relayRemoveGuardian,
  relayRevokeAccess,
  relayRotateKey,
  removeGuardian,
  revokeAccess,
  rotateKey,
  signAcceptKey,
  signAddGuardian,
  signApproveRecovery,
  signCancelRecovery,
  signGrantAccess,
  signRemoveGuardian,
  signRevokeAccess,
  signRotateKey,
};

type Bound<A> = {
  [K in keyof A]: A[K] extends (client: RegistryClient, parameters: infer P) => infer R ? (parameters: Omit<P, 'holderRegistry'>) => R : never;
};
export type HolderActions = Bound<typeof actions> & { holderRegistry: Address };

/**
 * Binds every holder-registry action (consent, keys, guardians) to one holder registry, like
 * `identreeActions` does for the identity registry. Find the address with `getHolderRegistry`.
 *
 * @example
 * const holderRegistry = await getHolderRegistry(client, { registry })
 * const alice = createWalletClient({ account, chain, transport }).extend(publicActions).extend(holderActions(holderRegistry))
 * await alice.grantAccess({ verifier: bank, uid, duration: 3600 })
 */
export function holderActions(holderRegistry: Address) {
  return (client: RegistryClient): HolderActions => {
    const bound = Object.fromEntries(Object.entries(actions).map(([name, action]) => [name, (p: object) => (action as Function)(client, { ...p, holderRegistry })]));
    return { ...bound, holderRegistry } as HolderActions;
  };
}

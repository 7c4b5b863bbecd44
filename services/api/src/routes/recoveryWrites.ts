import type { FastifyPluginAsync } from 'fastify';
import type { Storage } from '@identree/store';
import { Type, type Static } from '@sinclair/typebox';
import { getAddress } from 'viem';
import { isGuardian, MAX_GUARDIANS } from '@identree/sdk';
import { forbidden } from '../errors.js';
import type { HolderWriteDeps } from '../consent/relayHolderWrite.js';
import { callerIs, postHolderWrite } from './holderWriteRoute.js';
import { Address, Deadline, Signature } from './schemas.js';

const Threshold = Type.Integer({ minimum: 0, maximum: MAX_GUARDIANS, description: 'The threshold M after the change: 1..N, or 0 when no guardian remains' });
const GuardianChangeBody = Type.Object({ identity: Address, guardian: Address, threshold: Threshold, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const ApprovalBody = Type.Object({ guardian: Address, identity: Address, newKey: Address, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const CancelBody = Type.Object({ identity: Address, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const FinalizeBody = Type.Object({ identity: Address, newKey: Address }, { additionalProperties: false });
const RotateBody = Type.Object(
  {
    identity: Address, newKey: Address, deadline: Deadline,
    keySignature: { ...Signature, description: "The current key's RotateKey signature" },
    newKeySignature: { ...Signature, description: "The new key's AcceptKey signature, over the same nonce and deadline" },
  },
  { additionalProperties: false },
);

/**
 * Guardians, recovery and rotation for holders with no ether: each message is signed by the
 * holder's (or the guardian's) current key (SDK `signAddGuardian`, `signApproveRecovery`, …) and
 * relayed by the sponsor through the outbox, like consent. The signed-in caller must be the identity
 * the message acts for, so no one spends the sponsor's gas on another's behalf.
 */
export const recoveryWriteRoutes: FastifyPluginAsync<Omit<HolderWriteDeps, 'waitMs'> & { waitMs?: number; storage: Storage }> = async (app, options) => {
  const deps: HolderWriteDeps = { writes: options.writes, waitMs: options.waitMs ?? 10_000 };
  const ownIdentity = callerIs('identity', 'you can only relay messages for your own identity');
  const tag = 'recovery';

  postHolderWrite<Static<typeof GuardianChangeBody>>(app, deps, {
    url: '/guardians', tag, description: "Relays an AddGuardian message signed by the identity's current key.", body: GuardianChangeBody,
    authorize: ownIdentity,
    functionName: 'addGuardianBySig',
    args: (b) => [getAddress(b.identity), getAddress(b.guardian), b.threshold, BigInt(b.deadline), b.signature],
  });

  postHolderWrite<Static<typeof GuardianChangeBody>>(app, deps, {
    url: '/guardians/remove', tag, description: "Relays a RemoveGuardian message signed by the identity's current key.", body: GuardianChangeBody,
    authorize: ownIdentity,
    functionName: 'removeGuardianBySig',
    args: (b) => [getAddress(b.identity), getAddress(b.guardian), b.threshold, BigInt(b.deadline), b.signature],
  });

  postHolderWrite<Static<typeof ApprovalBody>>(app, deps, {
    url: '/recoveries/approvals', tag, description: "Relays a guardian's ApproveRecovery message, signed by the guardian's current key over its own nonce.", body: ApprovalBody,
    authorize: callerIs('guardian', 'only the guardian itself can relay its approval'),
    functionName: 'approveRecoveryBySig',
    args: (b) => [getAddress(b.guardian), getAddress(b.identity), getAddress(b.newKey), BigInt(b.deadline), b.signature],
  });

  postHolderWrite<Static<typeof CancelBody>>(app, deps, {
    url: '/recoveries/cancel', tag, description: "Relays a CancelRecovery message signed by the identity's current key: every pending recovery is voided.", body: CancelBody,
    authorize: ownIdentity,
    functionName: 'cancelRecoveryBySig',
    args: (b) => [getAddress(b.identity), BigInt(b.deadline), b.signature],
  });

  postHolderWrite<Static<typeof FinalizeBody>>(app, deps, {
    url: '/recoveries/finalize', tag,
    description: 'Finalizes a recovery that met its threshold and waited its delay (no signature: the contract lets anyone). Asked by the identity, one of its guardians, or the new key.',
    body: FinalizeBody,
    authorize: async (caller, b) => {
      const [identity, newKey] = [getAddress(b.identity), getAddress(b.newKey)];
      if (caller === identity || caller === newKey) return;
      if (await isGuardian(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, identity, guardian: caller })) return;
      throw forbidden('a recovery is finalized through the service by its identity, one of its guardians, or its new key');
    },
    functionName: 'finalizeRecovery',
    args: (b) => [getAddress(b.identity), getAddress(b.newKey)],
  });

  postHolderWrite<Static<typeof RotateBody>>(app, deps, {
    url: '/keys/rotate', tag, description: "Relays a rotation signed by both keys (SDK signRotateKey): the current key's RotateKey and the new key's AcceptKey.", body: RotateBody,
    authorize: ownIdentity,
    functionName: 'rotateKeyBySig',
    args: (b) => [getAddress(b.identity), getAddress(b.newKey), BigInt(b.deadline), b.keySignature, b.newKeySignature],
  });
};

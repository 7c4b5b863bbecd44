import type { Address, Hash, Hex } from 'viem';
import type { KeyChangeHow } from '@identree/store';
import type { EventPosition, Json, StorageRepositories } from '@identree/store';
import type { RegistryLog } from './project.js';
import { decodeGrantWord } from '@identree/sdk';

const KEY_CHANGES: KeyChangeHow[] = ['Rotation', 'GuardianRecovery', 'RegistrarRebind'];

const json = (args: Record<string, unknown>): Json =>
  JSON.parse(JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? v.toString() : v))) as Json;

/** Pending recoveries of `identity` stop counting when the guardian set or the key changes (the contract moves the nonce). */
async function voidPendingRecoveries(tx: StorageRepositories, identity: Address, at: EventPosition, except?: Hash) {
  for (const r of await tx.recoveries.listByIdentity(identity)) {
    if (r.status === 'pending' && r.recoveryId.toLowerCase() !== except?.toLowerCase()) await tx.recoveries.upsert({ ...r, status: 'cancelled', updatedAt: at });
  }
}

/**
 * Applies one holder-registry event (consent, key bindings, guardian recovery) to the read model,
 * the audit log and the webhook outbox, inside the indexer's transaction. False for events that
 * are not the holder registry's.
 */
export async function projectHolderEvent(tx: StorageRepositories, log: RegistryLog, maxDeliveries?: number): Promise<boolean> {
  const a = log.args as Record<string, never>;
  const at: EventPosition = { blockNumber: log.blockNumber, transactionHash: log.transactionHash, logIndex: log.logIndex };
  const audit = (subject: Address, actor: Address | null) => tx.audit.append({ subject, action: log.eventName, actor, event: log, payload: json(log.args) });

  switch (log.eventName) {
    case 'AccessGranted': {
      const { expiresAt, attributes } = decodeGrantWord(a.grant);
      await tx.grants.upsert({ holder: a.holder, verifier: a.verifier, uid: a.uid, expiresAt, revoked: false, attributes, updatedAt: at });
      await audit(a.holder, a.holder);
      return true;
    }
    case 'AccessRevoked': {
      const grant = await tx.grants.get(a.holder, a.verifier, a.uid);
      await tx.grants.upsert({ ...(grant ?? { holder: a.holder, verifier: a.verifier, uid: a.uid, expiresAt: 0, attributes: `0x${'00'.repeat(26)}` as Hex }), revoked: true, updatedAt: at });
      // The seed's "revoke by removing it": the verifier's wrapped key goes with the grant.
      await tx.shareKeys.remove(a.holder, a.verifier, a.uid);
      await tx.webhooks.enqueue({
        owners: [a.verifier],
        event: 'grant.revoked',
        payload: { holder: a.holder, verifier: a.verifier, uid: a.uid, transactionHash: log.transactionHash, blockNumber: log.blockNumber.toString() },
        at,
        maxDeliveries,
      });
      await audit(a.holder, a.holder);
      return true;
    }
    case 'AccessLogged': {
      const blockTime = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
      // The contract logs the sending address; a verifier that rotated its key is still the same
      // verifier, so the timeline names its identity (the key stays in the event it proves with).
      // Events are projected in order, so the binding read here is the one current at this event.
      const verifier = (await tx.keyBindings.byKey(a.verifier))?.identity ?? a.verifier;
      // Anyone may log an access, naming itself truthfully; the entry is kept either way (an access
      // without consent is what a holder most needs to see) and says whether a live grant covered it.
      // The grants table is as of this event, since events are projected in order (issue 23 §5).
      const at = typeof blockTime === 'bigint' ? Number(blockTime) : Math.floor(Date.now() / 1000);
      const grant = (await tx.grants.get(a.holder, verifier, a.uid)) ?? (verifier === a.verifier ? null : await tx.grants.get(a.holder, a.verifier, a.uid));
      await tx.accessLog.append({
        holder: a.holder, verifier, uid: a.uid, attributes: a.attributes as Hex, success: Boolean(a.success),
        blockTime: typeof blockTime === 'bigint' ? Number(blockTime) : null, event: log,
        granted: grant !== null && !grant.revoked && grant.expiresAt > at,
      });
      await audit(a.holder, verifier);
      return true;
    }
    case 'KeyChanged': {
      const how = KEY_CHANGES[Number(a.how)] ?? 'Rotation';
      await tx.keyBindings.set({ identity: a.identity, key: a.newKey, how, updatedAt: at });
      const completed = (await tx.recoveries.listByIdentity(a.identity)).find(
        (r) => how === 'GuardianRecovery' && r.status === 'pending' && r.newKey.toLowerCase() === String(a.newKey).toLowerCase(),
      );
      if (completed) await tx.recoveries.upsert({ ...completed, status: 'completed', updatedAt: at });
      await voidPendingRecoveries(tx, a.identity, at, completed?.recoveryId);
      // Every key change moves the recovery nonce too (`_afterKeyChange`), with or without guardians.
      const set = await tx.guardians.get(a.identity);
      await tx.guardians.setNonce(a.identity, (set?.nonce ?? 0) + 1, at);
      await audit(a.identity, a.previousKey);
      return true;
    }
    case 'IdentityRebound': {
      await audit(a.identity, a.registrar);
      return true;
    }
    case 'GuardianAdded':
    case 'GuardianRemoved': {
      const set = { threshold: Number(a.threshold), nonce: Number(a.nonce) };
      if (log.eventName === 'GuardianAdded') await tx.guardians.add(a.identity, a.guardian, set, at);
      else await tx.guardians.remove(a.identity, a.guardian, set, at);
      await voidPendingRecoveries(tx, a.identity, at);
      await audit(a.identity, a.identity);
      return true;
    }
    case 'RecoveryApproved': {
      const previous = await tx.recoveries.get(a.recoveryId);
      const approvals = [...(previous?.approvals ?? []), a.guardian as Address];
      await tx.recoveries.upsert({
        recoveryId: a.recoveryId, identity: a.identity, newKey: a.newKey, approvals, readyAt: Number(a.readyAt), status: 'pending', updatedAt: at,
      });
      await audit(a.identity, a.guardian);
      return true;
    }
    case 'RecoveryCancelled': {
      await tx.guardians.setNonce(a.identity, Number(a.nonce), at);
      await voidPendingRecoveries(tx, a.identity, at);
      await audit(a.identity, a.identity);
      return true;
    }
    case 'EIP712DomainChanged':
      return true;
    default:
      return false;
  }
}

/**
 * Tells verifiers holding grants that a credential changed: `credential.revoked` when it is revoked,
 * `credential.reissued` when its holder gets a new credential of the same type (an attribute
 * re-issued). Runs before the credential projection, so the previous credentials are still as they were.
 */
export async function notifyCredentialChange(tx: StorageRepositories, log: RegistryLog, maxDeliveries?: number): Promise<void> {
  const a = log.args as Record<string, never>;
  const at: EventPosition = { blockNumber: log.blockNumber, transactionHash: log.transactionHash, logIndex: log.logIndex };
  const base = { transactionHash: log.transactionHash, blockNumber: log.blockNumber.toString() };
  if (log.eventName === 'CredentialRevoked') {
    const grants = await tx.grants.listByCredential(a.uid);
    for (const g of grants) {
      await tx.webhooks.enqueue({ owners: [g.verifier], event: 'credential.revoked', payload: { holder: g.holder, verifier: g.verifier, uid: g.uid, ...base }, at, maxDeliveries });
    }
  }
  if (log.eventName === 'CredentialAnchored') {
    // The block's time when the log carries it (as AccessLogged's projection reads it), else now.
    const blockTime = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
    const anchoredAt = typeof blockTime === 'bigint' ? Number(blockTime) : Math.floor(Date.now() / 1000);
    const previous = (await tx.credentials.listByHolder(a.subject)).filter(
      (c) => c.credentialType === Number(a.credentialType) && c.uid.toLowerCase() !== String(a.uid).toLowerCase(),
    );
    for (const c of previous) {
      for (const g of await tx.grants.listByCredential(c.uid)) {
        if (g.holder.toLowerCase() !== c.subject.toLowerCase()) continue;
        // Only a verifier whose grant is live when the new credential is anchored learns its uid:
        // a revoked or expired grant gave no right to follow the holder's credentials (issue 23 §5).
        if (g.revoked || g.expiresAt <= anchoredAt) continue;
        await tx.webhooks.enqueue({
          owners: [g.verifier],
          event: 'credential.reissued',
          payload: { holder: g.holder, verifier: g.verifier, previousUid: c.uid, uid: a.uid, credentialType: Number(a.credentialType), ...base },
          at,
          maxDeliveries,
        });
      }
    }
  }
}

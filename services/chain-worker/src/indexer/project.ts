import { nameOf, CertificationLevel, EntityKind, EntityStatus, type EntityKindName } from '@identree/sdk';
import type { Address, Hash, Hex } from 'viem';
import type { ChainEvent, EventPosition, Json, StorageRepositories } from '@identree/store';
import { notifyCredentialChange, projectHolderEvent } from './projectHolders.js';

/** A decoded registry log, as the indexer hands it to the projections. */
export type RegistryLog = ChainEvent & { eventName: string; args: Record<string, unknown> };

const json = (args: Record<string, unknown>): Json =>
  JSON.parse(JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? v.toString() : v))) as Json;

/** The account an event is about, for the audit log of events no projection owns. */
function subjectOf(log: RegistryLog): Address | null {
  const a = log.args;
  for (const key of ['account', 'subject', 'holder', 'issuer', 'registrar', 'newRoot', 'to', 'government']) {
    if (typeof a[key] === 'string' && /^0x[0-9a-fA-F]{40}$/.test(a[key] as string)) return a[key] as Address;
  }
  return null;
}

/**
 * Applies one registry event to the read model and the audit log, inside the caller's
 * transaction. Every identity action leaves an audit row that names its transaction and log.
 */
export async function project(tx: StorageRepositories, log: RegistryLog, maxDeliveries?: number): Promise<void> {
  const a = log.args as Record<string, never>;
  const at = { blockNumber: log.blockNumber, transactionHash: log.transactionHash, logIndex: log.logIndex };
  const audit = (subject: Address, actor: Address | null) =>
    tx.audit.append({ subject, action: log.eventName, actor, event: log, payload: json(log.args) });
  // The holder registry's events (issue 5) have their own projections; credential events also feed webhooks.
  if (await projectHolderEvent(tx, log, maxDeliveries)) return;
  await notifyCredentialChange(tx, log, maxDeliveries);

  switch (log.eventName) {
    case 'EntityRegistered': {
      const account = a.account as Address;
      await tx.entities.upsert({
        account, kind: nameOf(EntityKind, Number(a.kind)) as EntityKindName, status: 'Active', registrar: a.registrar as Address,
        tokenId: BigInt(account), registration: at,
      });
      return void (await audit(account, a.registrar));
    }
    case 'EntityStatusChanged': {
      const entity = await tx.entities.get(a.account);
      if (entity) await tx.entities.upsert({ ...entity, status: nameOf(EntityStatus, Number(a.status)) as never }, at);
      return void (await audit(a.account, a.by));
    }
    case 'CredentialAnchored': {
      await tx.credentials.upsert({
        uid: a.uid as Hash, issuer: a.issuer as Address, subject: a.subject as Address, credentialType: Number(a.credentialType),
        commitment: a.commitment as Hex, level: nameOf(CertificationLevel, Number(a.level)) as never,
        validFrom: Number(a.validFrom), validUntil: Number(a.validUntil), revoked: false, linked: false, anchoredAt: at,
      });
      return void (await audit(a.subject, a.issuer));
    }
    case 'CredentialRevoked':
    case 'CredentialTransferred':
    case 'CredentialLinked':
    case 'CredentialUnlinked': {
      const credential = await tx.credentials.get(a.uid);
      if (!credential) return void (await audit(subjectOf(log) ?? (a.issuer as Address), a.issuer ?? null));
      if (log.eventName === 'CredentialRevoked') {
        await tx.credentials.upsert({ ...credential, revoked: true }, at);
        return void (await audit(credential.subject, a.issuer));
      }
      if (log.eventName === 'CredentialTransferred') {
        await tx.credentials.upsert({ ...credential, subject: a.to as Address, linked: false }, at);
        await endGrantsOverTransfer(tx, a.uid as Hash, [a.from as Address, a.to as Address], at);
        await audit(a.from, a.from);
        return void (await audit(a.to, a.from));
      }
      const linked = log.eventName === 'CredentialLinked';
      await tx.credentials.upsert({ ...credential, linked }, at);
      await tx.links.set({ holder: a.holder as Address, uid: a.uid as Hash, linked, updatedAt: at });
      return void (await audit(a.holder, a.holder));
    }
    case 'Transfer':
    case 'Locked':
      return; // the identity token's ERC-721 echo of EntityRegistered
    default: {
      // Relations, achievements, batches, accreditations, root handover: audit only.
      const credential = typeof a.uid === 'string' ? await tx.credentials.get(a.uid) : null;
      const subject = credential?.subject ?? subjectOf(log);
      if (subject) await audit(subject, (a.issuer ?? a.registrar ?? a.government ?? a.by ?? null) as Address | null);
    }
  }
}

/**
 * The holder registry refuses every grant not made after the credential's latest arrival (`heldSince`),
 * so at a transfer the seller's grants end for good, and so do any the buyer made before receiving it.
 * The read model marks them revoked, so the holder's list stops calling them live.
 */
async function endGrantsOverTransfer(tx: StorageRepositories, uid: Hash, parties: Address[], at: EventPosition): Promise<void> {
  const ended = new Set(parties.map((p) => p.toLowerCase()));
  for (const grant of await tx.grants.listByCredential(uid)) {
    if (!grant.revoked && ended.has(grant.holder.toLowerCase())) await tx.grants.upsert({ ...grant, revoked: true, updatedAt: at });
  }
}

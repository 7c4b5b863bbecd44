import type { Address, Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { saveKey } from '../keys/browserKeystore.js';
import type { TypedDataToSign } from '../keys/injectedWallet.js';
import { formatDate } from '../words.js';
import { answer } from './api.js';
import { clientOf, type Session } from './session.js';
import { actionKey, prepareAndSign, signAndRelay, type WriteAnswer } from './wallet.js';

export type Recovery = { recoveryId: number | string; newKey: Address; approvals: Address[]; readyAt: number; status: string };
export type GuardianSet = { identity: Address; guardians: Address[]; threshold: number; recoveries: Recovery[] };

/** The identity's guardians and recoveries: only the identity and its guardians may read them. */
export const fetchGuardians = async (session: Session, identity: Address) =>
  (await answer(clientOf(session).GET('/identities/{address}/guardians', { params: { path: { address: identity } } }))) as GuardianSet;

export const addGuardian = (session: Session, identity: Address, guardian: Address, threshold: number) =>
  signAndRelay(session, 'add-guardian', { identity, guardian, threshold }, '/guardians', actionKey());
export const removeGuardian = (session: Session, identity: Address, guardian: Address, threshold: number) =>
  signAndRelay(session, 'remove-guardian', { identity, guardian, threshold }, '/guardians/remove', actionKey());
export const cancelRecovery = (session: Session, identity: Address) =>
  signAndRelay(session, 'cancel-recovery', { identity }, '/recoveries/cancel', actionKey());
/** As a guardian: approve moving `identity` to `newKey`. */
export const approveRecovery = (session: Session, identity: Address, newKey: Address) =>
  signAndRelay(session, 'approve-recovery', { guardian: session.signer.address, identity, newKey }, '/recoveries/approvals', actionKey());
/** Completes a recovery that has its approvals and has waited its delay (the contract lets anyone). */
export async function finalizeRecovery(session: Session, identity: Address, newKey: Address): Promise<WriteAnswer> {
  try {
    return (await answer(clientOf(session).POST('/recoveries/finalize', {
      body: { identity, newKey }, params: { header: { 'idempotency-key': `finalize-${identity}-${newKey}-${Date.now()}` } },
    }))) as WriteAnswer;
  } catch (error) {
    // The registry names the moment in Unix seconds; a person reads a date.
    const ready = /may be finalized from (\d+)/.exec((error as Error).message);
    if (!ready) throw error;
    const at = new Date(Number(ready[1]) * 1000);
    throw new Error(`Not yet: this recovery can be completed from ${formatDate(Number(ready[1]))} at ${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. The waiting time gives the owner a chance to cancel it if it was not them.`);
  }
}

/**
 * Moves the identity to a new key made in this page: the new key is first kept in this browser,
 * encrypted under `passphrase` (so it cannot be lost halfway), then the current key signs RotateKey
 * and the new key signs AcceptKey over the same nonce and deadline, and the service relays both.
 */
export async function rotateKey(session: Session, identity: Address, passphrase: string, label: string): Promise<Address> {
  const next: Hex = generatePrivateKey();
  const account = privateKeyToAccount(next);
  await saveKey({ passphrase, label, privateKey: next });
  const deadline = Math.floor(Date.now() / 1000) + 600;
  const body = { identity, newKey: account.address, deadline };
  const current = await prepareAndSign('rotate-key', body, session.signer.signTypedData);
  const fresh = await prepareAndSign('accept-key', body, (typed: TypedDataToSign) => account.signTypedData(typed as Parameters<typeof account.signTypedData>[0]));
  await answer(clientOf(session).POST('/keys/rotate', {
    body: { ...body, keySignature: current.signature, newKeySignature: fresh.signature },
    params: { header: { 'idempotency-key': `rotate-${identity}-${account.address}` } },
  }));
  return account.address;
}

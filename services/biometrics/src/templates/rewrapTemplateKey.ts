import { getAddress, type Address } from 'viem';
import type { TemplateRecord } from '@identree/biometrics';
import { FaceRequestError } from '../errors.js';
import type { FaceServicePorts } from '../ports/ports.js';

export type RewrapTemplateKeyParameters = Pick<FaceServicePorts, 'chain' | 'records' | 'audit'> & {
  /** The holder whose template gets a key for its current key. */
  identity: Address;
  /** The signed-in guardian's key: it must hold a wrapped key of this template. */
  guardianKey: Address;
  /** The template's data key, wrapped by the guardian to the holder's current key (`grantFaceTemplateKey`). */
  wrapped: { recipient: Address; wrappedKey: string };
};
export type RewrapTemplateKeyReturnType = { recipients: Address[] };

/** The guardian-side view of a holder's envelope: only a current guardian holding a wrapped key gets it. */
export async function guardianTemplateRecord(p: Pick<RewrapTemplateKeyParameters, 'chain' | 'records' | 'identity' | 'guardianKey'>): Promise<TemplateRecord> {
  return (await guardianAndRecord(p)).record;
}

async function guardianAndRecord(p: Pick<RewrapTemplateKeyParameters, 'chain' | 'records' | 'identity' | 'guardianKey'>): Promise<{ guardian: Address; record: TemplateRecord }> {
  const identity = getAddress(p.identity);
  const guardian = await p.chain.identityOf(getAddress(p.guardianKey));
  if (!guardian || guardian === identity || !(await p.chain.isGuardian(identity, guardian))) throw new FaceRequestError('not_a_guardian', `the signed-in key acts for no current guardian of ${identity}`);
  const record = await p.records.get(identity);
  if (!record) throw new FaceRequestError('template_not_found', `${identity} has no face template`);
  if (!record.envelope.wrappedKeys.some((k) => getAddress(k.recipient) === getAddress(p.guardianKey))) {
    throw new FaceRequestError('not_a_guardian', `${identity}'s face template holds no key wrapped to ${getAddress(p.guardianKey)}`);
  }
  return { guardian, record };
}

/**
 * After a recovery the holder's new key opens nothing: the template's data key was wrapped to the old key
 * and to the guardians'. A current guardian who holds a wrapped key unwraps it on its own device and wraps
 * it to the holder's current key (`grantFaceTemplateKey`); the service adds that wrapped key to the
 * envelope. The service never sees the data key. Only when the current key has no wrapped key yet, so a
 * guardian can give face login back but never take it away; keys wrapped to a retired key go at the same
 * time, since no identity acts by them any more. The holder's audit trail names the guardian, its key and the
 * key wrapped to (FaceTemplateKeyRewrapped), never the wrapped key.
 *
 * @example
 * await rewrapTemplateKey({ chain, records, audit, identity, guardianKey, wrapped })
 */
export async function rewrapTemplateKey(p: RewrapTemplateKeyParameters): Promise<RewrapTemplateKeyReturnType> {
  const identity = getAddress(p.identity);
  const { guardian, record } = await guardianAndRecord(p);
  const current = await p.chain.keyOf(identity);
  if (!current || getAddress(p.wrapped.recipient) !== getAddress(current)) {
    throw new FaceRequestError('template_mismatch', `the key must be wrapped to ${identity}'s current key ${current}, not to ${p.wrapped.recipient}`);
  }
  if (record.envelope.wrappedKeys.some((k) => getAddress(k.recipient) === getAddress(current))) {
    throw new FaceRequestError('key_exists', `${identity}'s current key already opens its face template`);
  }
  const kept = [];
  for (const k of record.envelope.wrappedKeys) if ((await p.chain.identityOf(getAddress(k.recipient))) !== null) kept.push(k);
  const wrappedKeys = [...kept, { recipient: getAddress(current), wrappedKey: p.wrapped.wrappedKey }];
  await p.records.put({ ...record, envelope: { ...record.envelope, wrappedKeys } });
  const { cid, templateVersion } = record.envelope;
  await p.audit.append({ at: Date.now(), holder: identity, action: 'key-rewrapped', cid, templateVersion, actor: getAddress(p.guardianKey), guardian, recipient: getAddress(current) });
  return { recipients: wrappedKeys.map((k) => getAddress(k.recipient)) };
}

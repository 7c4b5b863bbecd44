import type { Address, Hash, Hex } from 'viem';
import { getCredentialTypeName } from './getCredentialTypeName.js';
import { CertificationLevel, nameOf, type CertificationLevelName } from '../types.js';
import { IdentreeError } from '../errors/base.js';
import { registryEvents } from '../utils/registryEvents.js';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetCredentialParameters = RegistryParameters & { uid: Hash; fromBlock?: bigint };
export type CredentialDetails = {
  uid: Hash;
  issuer: Address;
  commitment: Hex;
  subject: Address;
  credentialType: number;
  typeName: string;
  validFrom: number;
  validUntil: number;
  level: CertificationLevelName;
  revoked: boolean;
  linked: boolean;
  /** Anchored, not revoked, inside its window at the latest block. */
  valid: boolean;
  anchoredAt: { blockNumber: bigint; transactionHash: Hash; logIndex: number };
};
/** `null` when nothing is anchored under `uid`. */
export type GetCredentialReturnType = CredentialDetails | null;

type RawCredential = { subject: Address; validFrom: number; validUntil: number; credentialType: number; level: number; revoked: boolean; linked: boolean };

/**
 * A credential's on-chain record, with its issuer and commitment from the anchoring event
 * (the registry stores only what it must; see IdentityTypes.sol).
 *
 * @example
 * const c = await getCredential(client, { registry, uid })
 */
export async function getCredential(client: RegistryClient, { uid, fromBlock, ...rest }: GetCredentialParameters): Promise<GetCredentialReturnType> {
  const [raw, valid, anchors] = await Promise.all([
    readRegistry<RawCredential>(client, { ...rest, functionName: 'credential', args: [uid] }),
    readRegistry<boolean>(client, { ...rest, functionName: 'isCredentialValid', args: [uid] }),
    registryEvents(client, rest.registry, 'CredentialAnchored', { uid }, fromBlock),
  ]);
  const anchor = anchors[0];
  if (/^0x0{40}$/.test(raw.subject)) return null;
  if (!anchor) {
    throw new IdentreeError(`The anchoring event of ${uid} was not found.`, {
      details: `the registry holds it, but no CredentialAnchored event from block ${fromBlock ?? 0n}; is fromBlock after the anchoring?`,
    });
  }
  const typeName = await getCredentialTypeName(client, { ...rest, credentialType: raw.credentialType });
  return {
    uid,
    issuer: anchor.args.issuer,
    commitment: anchor.args.commitment,
    subject: raw.subject,
    credentialType: raw.credentialType,
    typeName,
    validFrom: raw.validFrom,
    validUntil: raw.validUntil,
    level: nameOf(CertificationLevel, raw.level),
    revoked: raw.revoked,
    linked: raw.linked,
    valid,
    anchoredAt: { blockNumber: anchor.blockNumber, transactionHash: anchor.transactionHash, logIndex: anchor.logIndex },
  };
}

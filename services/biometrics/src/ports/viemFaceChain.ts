import type { Address } from 'viem';
import { getBlock } from 'viem/actions';
import {
  faceTemplateGrantUid,
  faceTemplateTypedData,
  getFaceTemplateCommitment,
  getEntity,
  getGrant,
  logAccess,
  identityOf,
  isCurrentFaceTemplate,
  isGuardian,
  keyOf,
  relayFaceTemplateMessage,
  type RegistryClient,
} from '@identree/sdk';
import type { FaceChain } from './ports.js';

export type ViemFaceChainParameters = {
  /** Reads the face template and holder registries. */
  reader: RegistryClient;
  /** Sends the holder's signed messages and pays for them: the service's sponsor account. */
  relayer: RegistryClient;
  faceTemplateRegistry: Address;
  holderRegistry: Address;
  /** The identity registry: entity standing. */
  registry: Address;
};

/** The chain port over the SDK: what production and the embedded default (anvil) both run. */
export function viemFaceChain({ reader, relayer, faceTemplateRegistry, holderRegistry, registry }: ViemFaceChainParameters): FaceChain {
  return {
    relay: async (signed) => relayFaceTemplateMessage(relayer, { faceTemplateRegistry, ...signed }),
    isCurrent: (identity, cid, templateVersion) => isCurrentFaceTemplate(reader, { faceTemplateRegistry, identity, cid, templateVersion }),
    status: async (identity) => {
      const { templateVersion, status } = await getFaceTemplateCommitment(reader, { faceTemplateRegistry, identity });
      return { templateVersion, status };
    },
    identityOf: (key) => identityOf(reader, { holderRegistry, key }),
    keyOf: (identity) => keyOf(reader, { holderRegistry, identity }),
    isGuardian: (identity, guardian) => isGuardian(reader, { holderRegistry, identity, guardian }),
    grantExpiry: async (identity, verifier) => (await getGrant(reader, { holderRegistry, holder: identity, verifier, uid: faceTemplateGrantUid(identity) }))?.expiresAt ?? null,
    isActive: async (identity) => (await getEntity(reader, { registry, entity: identity }))?.status === 'Active',
    now: async () => Number((await getBlock(reader as never)).timestamp),
    typedData: async (action, identity, templateVersion, cid) => {
      const typed = await faceTemplateTypedData(reader, { faceTemplateRegistry, action, identity, templateVersion, cid });
      const json = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
      return { domain: json(typed.domain), types: typed.types, primaryType: typed.primaryType, message: json(typed.message) };
    },
    logAccess: async (identity, success) => logAccess(relayer, { holderRegistry, holder: identity, uid: faceTemplateGrantUid(identity), success }),
  };
}

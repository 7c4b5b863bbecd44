import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Address, LocalAccount } from 'viem';
import { getAddress, isAddress, type Hash, type Hex } from 'viem';
import { ATTRIBUTE_LEAF_ENCODING } from '../credentials/commitAttributes.js';
import { committedValue } from '../credentials/derivedClaims.js';
import type { IdentreeCredential } from '../credentials/types.js';
import { InvalidParameterError } from '../errors/base.js';
import { presentationTypedData } from './presentationTypedData.js';
import type { Presentation, PresentedCredential } from './types.js';

export type CreatePresentationParameters = {
  /** The key that signs: the identity's current key (see `keyOf`). */
  holder: LocalAccount;
  /**
   * The identity presenting, which must be the credentials' subject: the key's own address
   * (the default) until the identity's first change of key, then the identity the key was bound to.
   */
  identity?: Address;
  /** Which attributes of which credentials to disclose. */
  disclose: { credential: IdentreeCredential; attributes: string[] }[];
  /** The verifier's identifier and the nonce it issued. */
  audience: string;
  nonce: Hex;
  /** Lifetime in seconds (default 300). */
  expiresIn?: number;
  now?: Date;
};

/**
 * Builds and signs a presentation that discloses only the chosen attributes, with a Merkle
 * multiproof per credential against its anchored commitment.
 *
 * @example
 * const p = await createPresentation({ holder, audience: 'bank.example', nonce,
 *   disclose: [{ credential: birthCertificate, attributes: ['ageOver18'] }] })
 */
export async function createPresentation(parameters: CreatePresentationParameters): Promise<Presentation> {
  const { holder, identity = holder.address, disclose, audience, nonce, expiresIn = 300, now = new Date() } = parameters;
  if (!isAddress(identity)) throw new InvalidParameterError('identity', `not an address: ${identity}`);
  if (disclose.length === 0) throw new InvalidParameterError('disclose', 'a presentation discloses at least one credential');
  const credentials: PresentedCredential[] = disclose.map(({ credential, attributes }) => {
    if (attributes.length === 0) throw new InvalidParameterError('disclose', `nothing chosen from ${credential.id}`);
    const { id: _subjectDid, ...values } = credential.credentialSubject;
    const salts = credential.proof.salts;
    const rows = Object.entries(values).map(([name, value]) => [name, committedValue(value), salts[name]] as [string, string, string]);
    const tree = StandardMerkleTree.of(rows, [...ATTRIBUTE_LEAF_ENCODING]);
    if (tree.root !== credential.proof.commitment) {
      throw new InvalidParameterError('disclose', `credential ${credential.id} does not rebuild to its anchored commitment`);
    }
    const chosen = attributes.map((name) => {
      const row = rows.find((r) => r[0] === name);
      if (!row) throw new InvalidParameterError('disclose', `credential ${credential.id} has no attribute "${name}"`);
      return row;
    });
    const multi = tree.getMultiProof(chosen);
    return {
      chainId: credential.proof.chainId,
      registry: credential.proof.registry,
      issuer: getAddress(credential.issuer.split(':').at(-1)!),
      commitment: credential.proof.commitment,
      uid: credential.proof.uid,
      type: credential.type[1],
      disclosures: multi.leaves.map(([name, value, salt]) => ({ name, value, salt: salt as Hex })),
      proof: multi.proof as Hash[],
      proofFlags: multi.proofFlags,
    };
  });
  const issuedAt = Math.floor(now.getTime() / 1000);
  const unsigned = { audience, nonce, issuedAt, expiresAt: issuedAt + expiresIn, credentials };
  const signature = await holder.signTypedData(presentationTypedData(unsigned));
  return { type: 'IdentreePresentation2026', holder: getAddress(identity), ...unsigned, signature };
}

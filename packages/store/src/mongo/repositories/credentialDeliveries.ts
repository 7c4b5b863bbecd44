import type { Filter } from 'mongodb';
import type { Address, Hash, Hex } from 'viem';
import type {
  CredentialDeliveriesRepository,
  CredentialDeliveryRecord,
  CredentialOffersRepository,
  HolderPublicKeysRepository,
} from '../../storage/deliveryTypes.js';
import type { Json } from '../../storage/types.js';
import { StorageError } from '../../storage/errors.js';
import { compareAndSet } from '../compareAndSet.js';
import {
  collection,
  insertNext,
  insertUnique,
  lower,
  putById,
  remember,
  type Doc,
  type MongoHandle,
} from '../mongoHandle.js';

const fromDoc = (d: Doc): CredentialDeliveryRecord => ({
  id: d._id as number,
  holder: d.holder as Address,
  issuer: d.issuer as Address,
  uid: d.uid as Hash,
  envelope: JSON.parse(d.envelope as string) as Json,
  ciphertext: d.ciphertext as string,
  createdAt: d.createdAt as Date,
});

/** Public keys recovered from sign-in signatures. */
export function mongoHolderPublicKeysRepository(h: MongoHandle): HolderPublicKeysRepository {
  return {
    put: (address, publicKey) =>
      putById(h, 'holder_public_keys', { _id: lower(address), publicKey: lower(publicKey), updatedAt: new Date() }),
    async get(address) {
      const d = await collection(h, 'holder_public_keys').findOne({ _id: lower(address) });
      return d ? (d.publicKey as Hex) : null;
    },
  };
}

/** Credentials sealed to their holders. */
export function mongoCredentialDeliveriesRepository(h: MongoHandle): CredentialDeliveriesRepository {
  const deliveries = () => collection(h, 'credential_deliveries');
  return {
    async put(d) {
      const [holder, uid] = [lower(d.holder), lower(d.uid)];
      const values = {
        issuer: lower(d.issuer),
        envelope: JSON.stringify(d.envelope),
        ciphertext: d.ciphertext,
        createdAt: new Date(),
      };
      const { doc, created } = await insertNext(
        h,
        'credential_deliveries',
        (id) => ({ _id: id, holder, uid, ...values }),
        () => deliveries().findOne({ holder, uid }),
      );
      if (created) return fromDoc(doc);
      // A re-delivery keeps its id and replaces the rest.
      await remember(h, 'credential_deliveries', [doc._id]);
      await deliveries().updateOne({ _id: doc._id } as Filter<Doc>, { $set: values });
      return fromDoc({ ...doc, ...values });
    },
    async listByHolder(holder) {
      return (
        await deliveries()
          .find({ holder: lower(holder) })
          .sort({ _id: -1 })
          .toArray()
      ).map(fromDoc);
    },
    async get(id) {
      const d = await deliveries().findOne({ _id: id });
      return d ? fromDoc(d) : null;
    },
  };
}

/** OID4VCI pre-authorized code offers, by hash; redeeming and taking are compare-and-sets, so each has one winner. */
export function mongoCredentialOffersRepository(h: MongoHandle): CredentialOffersRepository {
  return {
    async create({ codeHash, issuer, holder, uid, credential, expiresAt }) {
      const offer = {
        _id: lower(codeHash),
        issuer: lower(issuer),
        holder: lower(holder),
        uid: lower(uid),
        credential,
        expiresAt,
        redeemed: false,
        tokenHash: null,
        tokenExpiresAt: null,
        rev: 0,
      };
      if (!(await insertUnique(h, 'credential_offers', offer)))
        throw new StorageError(`A credential offer with code hash ${lower(codeHash)} already exists.`);
    },
    async redeem(codeHash, { tokenHash, tokenExpiresAt, now }) {
      const won = await compareAndSet(
        h,
        'credential_offers',
        { _id: lower(codeHash), redeemed: false, expiresAt: { $gt: now } } as Filter<Doc>,
        () => ({
          redeemed: true,
          tokenHash: lower(tokenHash),
          tokenExpiresAt,
        }),
      );
      return won
        ? {
            issuer: won.issuer as Address,
            holder: won.holder as Address,
            uid: won.uid as Hash,
            expiresAt: won.expiresAt as Date,
            credential: (won.credential as string | null | undefined) ?? null,
          }
        : null;
    },
    async takeCredential(tokenHash, now) {
      let taken: string | null = null;
      await compareAndSet(
        h,
        'credential_offers',
        { tokenHash: lower(tokenHash), tokenExpiresAt: { $gt: now }, credential: { $type: 'string' } },
        (d) => {
          taken = d.credential as string;
          return { credential: null };
        },
      );
      return taken;
    },
  };
}

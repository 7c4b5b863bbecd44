import type { Filter } from 'mongodb';
import type { Address, Hash } from 'viem';
import type { ShareKeyRecord, ShareKeysRepository } from '../../storage/holderTypes.js';
import type { Json } from '../../storage/types.js';
import { collection, lower, putById, remember, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromDoc = (d: Doc): ShareKeyRecord => ({
  holder: d.holder as Address,
  verifier: d.verifier as Address,
  uid: d.uid as Hash,
  cid: d.cid as string,
  envelope: JSON.parse(d.envelope as string) as Json,
  createdAt: d.createdAt as Date,
});

const keyOf = (holder: Address, verifier: Address, uid: Hash) => `${lower(holder)} ${lower(verifier)} ${lower(uid)}`;

/** Verifiers' wrapped keys for holders' encrypted shares; deleting one is revoking that share. */
export function mongoShareKeysRepository(h: MongoHandle): ShareKeysRepository {
  return {
    async put(s) {
      await putById(h, 'share_keys', {
        _id: keyOf(s.holder, s.verifier, s.uid),
        holder: lower(s.holder),
        verifier: lower(s.verifier),
        uid: lower(s.uid),
        cid: s.cid,
        envelope: JSON.stringify(s.envelope),
        createdAt: new Date(),
      });
    },
    async get(holder, verifier, uid) {
      const d = await collection(h, 'share_keys').findOne({ _id: keyOf(holder, verifier, uid) });
      return d ? fromDoc(d) : null;
    },
    async remove(holder, verifier, uid) {
      const id = keyOf(holder, verifier, uid);
      await remember(h, 'share_keys', [id]);
      return (await collection(h, 'share_keys').deleteOne({ _id: id } as Filter<Doc>)).deletedCount === 1;
    },
  };
}

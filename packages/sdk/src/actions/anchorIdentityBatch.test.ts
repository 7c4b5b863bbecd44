import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFunctionData, getAddress, keccak256, parseEventLogs, stringToHex, zeroHash, type Address } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { rejectsWith } from '../test/assertions.js';
import {
  BatchEmptyRootError,
  BatchIndexOutOfRangeError,
  BatchInvalidProofError,
  BatchInvalidSizeError,
  BatchNotFoundError,
  EntityAlreadyRegisteredError,
  EntityKindNotAllowedError,
  EntityNotActiveError,
} from '../errors/registry.js';
import { buildIdentityBatch, type IdentityBatchEntry } from '../population/buildIdentityBatch.js';
import { getIdentityBatch } from './getIdentityBatch.js';

const accountOf = (label: string): Address => getAddress(keccak256(stringToHex(label)).slice(0, 42));
const citizens = (seed: string, size = 4): IdentityBatchEntry[] =>
  Array.from({ length: size }, (_, i) => ({ account: accountOf(`${seed} ${i}`), kind: i === 1 ? 'Organization' : 'Person' }));

describe('anchorIdentityBatch and claimIdentity', () => {
  let f: RegistryFixture;
  // 0 root government, 1 an admin, 2 an issuer, 3 a provincial government; 7 a relayer nobody registered.
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Admin' });
    await f.as(0).registerEntity({ entity: f.as(2).address, kind: 'Issuer' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Government' });
  });
  after(() => f.stop());

  it('mints a claimed entry with the batch registrar as registrar, whoever relays the claim', async () => {
    const gov = f.as(0);
    const relayer = f.as(7);
    const entries = citizens('relayed');
    const batch = buildIdentityBatch(entries);
    const { batchId, hash } = await gov.anchorIdentityBatch({ root: batch.root, size: batch.size, leaves: batch.leaves });
    const stored = await gov.getIdentityBatch({ batchId });
    assert.deepEqual({ ...stored, anchoredAt: undefined }, { batchId, root: batch.root, registrar: gov.address, size: 4, anchoredAt: undefined });
    assert.ok((stored?.anchoredAt ?? 0) > 0);

    const { tokenId, hash: claimHash } = await relayer.claimIdentity({ batchId, entity: entries[1].account, kind: 'Organization', index: 1, proof: batch.proof(1) });
    assert.equal(tokenId, BigInt(entries[1].account));
    const entity = await gov.getEntity({ entity: entries[1].account });
    assert.deepEqual([entity?.kind, entity?.status, entity?.registrar], ['Organization', 'Active', gov.address]);
    assert.equal(await gov.getEntity({ entity: relayer.address }), null);
    const [claimed] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'IdentityClaimed', logs: (await gov.getTransactionReceipt({ hash: claimHash })).logs });
    assert.deepEqual(claimed?.args, { batchId, account: entries[1].account, index: 1 });

    // The published leaves are in the anchor's calldata, so the chain alone is enough to rebuild every proof.
    const { args } = decodeFunctionData({ abi: identityRegistryAbi, data: (await gov.getTransaction({ hash })).input });
    assert.deepEqual(args, [batch.root, 4, batch.leaves]);
  });

  it('numbers batches from 1 and reads an unknown id as null', async () => {
    const batch = buildIdentityBatch(citizens('numbered', 1));
    const { batchId } = await f.as(1).anchorIdentityBatch({ root: batch.root, size: batch.size });
    assert.equal(batchId, 2n);
    assert.equal((await f.as(0).getIdentityBatch({ batchId }))?.registrar, f.as(1).address);
    assert.equal(await getIdentityBatch(f.chain.wallet(9), { registry: f.registry, batchId: 99n }), null);
  });

  it('rejects a proof for another entry, kind or account', async () => {
    const entries = citizens('wrong proof');
    const batch = buildIdentityBatch(entries);
    const { batchId } = await f.as(0).anchorIdentityBatch({ root: batch.root, size: batch.size });
    const { account } = entries[0];
    const attempts = [
      { entity: account, kind: 'Person' as const, index: 0, proof: batch.proof(2) },
      { entity: account, kind: 'Organization' as const, index: 0, proof: batch.proof(0) },
      { entity: account, kind: 'Person' as const, index: 2, proof: batch.proof(2) },
      { entity: accountOf('stranger'), kind: 'Person' as const, index: 0, proof: batch.proof(0) },
    ];
    for (const attempt of attempts) {
      await rejectsWith(f.as(7).claimIdentity({ batchId, ...attempt }), BatchInvalidProofError, (e) => {
        assert.deepEqual(e.args, [batchId, BigInt(attempt.index)]);
        assert.match(e.shortMessage, /proof does not place/);
      });
    }
    assert.equal(await f.as(0).getEntity({ entity: account }), null);
  });

  it('rejects a second claim of the same entry', async () => {
    const entries = citizens('twice');
    const batch = buildIdentityBatch(entries);
    const { batchId } = await f.as(0).anchorIdentityBatch({ root: batch.root, size: batch.size });
    const claim = { batchId, entity: entries[0].account, kind: 'Person' as const, index: 0, proof: batch.proof(0) };
    await f.as(7).claimIdentity(claim);
    await rejectsWith(f.as(8).claimIdentity(claim), EntityAlreadyRegisteredError, (e) => assert.deepEqual(e.args, [entries[0].account]));
  });

  it('stops minting while the batch registrar is suspended, and resumes on reinstatement', async () => {
    const province = f.as(3);
    const entries = citizens('suspended registrar');
    const batch = buildIdentityBatch(entries);
    const { batchId } = await province.anchorIdentityBatch({ root: batch.root, size: batch.size });
    await f.as(0).suspendEntity({ entity: province.address });
    const claim = { batchId, entity: entries[0].account, kind: 'Person' as const, index: 0, proof: batch.proof(0) };
    await rejectsWith(f.as(7).claimIdentity(claim), EntityNotActiveError, (e) => assert.deepEqual(e.args, [province.address, 2]));
    await f.as(0).reinstateEntity({ entity: province.address });
    assert.equal((await f.as(7).claimIdentity(claim)).tokenId, BigInt(entries[0].account));
  });

  it('rejects a Person batch anchored by an issuer', async () => {
    const batch = buildIdentityBatch(citizens('by an issuer'));
    await rejectsWith(f.as(2).anchorIdentityBatch({ root: batch.root, size: batch.size }), EntityKindNotAllowedError, (e) =>
      assert.deepEqual(e.args, [f.as(2).address, 3, 4]),
    );
  });

  it("rejects claiming a kind the batch registrar may not register", async () => {
    const entries: IdentityBatchEntry[] = [{ account: accountOf('admin made government'), kind: 'Government' }];
    const batch = buildIdentityBatch(entries);
    const { batchId } = await f.as(1).anchorIdentityBatch({ root: batch.root, size: batch.size });
    await rejectsWith(
      f.as(7).claimIdentity({ batchId, entity: entries[0].account, kind: 'Government', index: 0, proof: batch.proof(0) }),
      EntityKindNotAllowedError,
      (e) => assert.deepEqual(e.args, [f.as(1).address, 2, 1]),
    );
  });

  it('rejects published leaves that do not match the size, an empty batch and a zero root', async () => {
    const batch = buildIdentityBatch(citizens('mismatch'));
    await rejectsWith(f.as(0).anchorIdentityBatch({ root: batch.root, size: 5, leaves: batch.leaves }), BatchInvalidSizeError, (e) =>
      assert.deepEqual(e.args, [5n, 128n]),
    );
    await rejectsWith(f.as(0).anchorIdentityBatch({ root: batch.root, size: 4, leaves: batch.leaves.slice(0, -2) as `0x${string}` }), BatchInvalidSizeError);
    await rejectsWith(f.as(0).anchorIdentityBatch({ root: batch.root, size: 0 }), BatchInvalidSizeError);
    await rejectsWith(f.as(0).anchorIdentityBatch({ root: zeroHash, size: 4 }), BatchEmptyRootError);
  });

  it('rejects an unknown batch and an index outside the batch', async () => {
    const entries = citizens('range', 2);
    const batch = buildIdentityBatch(entries);
    const { batchId } = await f.as(0).anchorIdentityBatch({ root: batch.root, size: batch.size });
    const claim = { entity: entries[0].account, kind: 'Person' as const, proof: batch.proof(0) };
    await rejectsWith(f.as(7).claimIdentity({ ...claim, batchId: 999n, index: 0 }), BatchNotFoundError, (e) => assert.deepEqual(e.args, [999n]));
    await rejectsWith(f.as(7).claimIdentity({ ...claim, batchId, index: 2 }), BatchIndexOutOfRangeError, (e) => assert.deepEqual(e.args, [batchId, 2n]));
  });
});

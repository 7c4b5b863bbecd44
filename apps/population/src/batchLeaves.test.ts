import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAnvil, type Anvil } from '@identree/devchain';
import { anchorIdentityBatch, buildIdentityBatch, deployIdentityRegistry, getIdentityBatch, type IdentityBatch } from '@identree/sdk';
import { bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { BatchLeavesMismatchError, checkBatchLeaves, leavesStore, storeBatchLeaves } from './batchLeaves.js';
import { citizenAccount } from './syntheticCitizens.js';

/** Kubo's flatfs path of a block (`next-to-last/2`), as FsBlobStore writes it. */
const blockFile = (dir: string, cid: string) => path.join(dir, 'blocks', cid.slice(-3, -1), cid);

/** `leaves` with one byte of leaf `index` changed. */
function tamper(leaves: Hex, index: number): Hex {
  const bytes = hexToBytes(leaves);
  bytes[index * 32 + 7] ^= 0x01;
  return bytesToHex(bytes);
}

describe('batch leaves in the blob store', () => {
  let chain: Anvil;
  let dir: string;
  let anchored: IdentityBatch;
  let leaves: Hex;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'identree-leaves-test-'));
    chain = await startAnvil({ accounts: 1, args: ['--hardfork', 'cancun'] });
    const gov = chain.wallet(0);
    const { registry } = await deployIdentityRegistry(gov);
    // 9,000 leaves are 288,000 bytes: more than one 256 KiB chunk, so the blob is a dag-pb file of two raw leaves.
    const batch = buildIdentityBatch(Array.from({ length: 9_000 }, (_, i) => ({ account: citizenAccount(i) as Address, kind: 'Person' as const })));
    leaves = batch.leaves;
    // Published off-chain: the anchor carries the root and the size only.
    const { batchId } = await anchorIdentityBatch(gov, { registry, root: batch.root, size: batch.size });
    anchored = (await getIdentityBatch(gov, { registry, batchId }))!;
  });
  after(async () => {
    await chain?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the leaves with a CIDv1 and rebuilds the root the registry holds', async () => {
    const store = leavesStore(dir);
    const cid = await storeBatchLeaves(store, leaves);
    assert.match(cid, /^bafybei[a-z2-7]{52}$/);
    assert.equal(await storeBatchLeaves(store, leaves), cid, 'content-addressed: the same leaves, the same name');
    await checkBatchLeaves(store, { cid, root: anchored.root, size: anchored.size });
  });

  it('rejects a blob with one leaf changed: it rebuilds another root', async () => {
    const store = leavesStore(dir);
    const cid = await storeBatchLeaves(store, tamper(leaves, 4_321));
    await assert.rejects(checkBatchLeaves(store, { cid, root: anchored.root, size: anchored.size }), (error: unknown) => {
      assert.ok(error instanceof BatchLeavesMismatchError);
      assert.match(error.shortMessage, new RegExp(`^The leaves in ${cid} do not match the anchored batch: they rebuild root 0x[0-9a-f]{64}, the chain holds ${anchored.root}\\.$`));
      return true;
    });
  });

  it('rejects a blob missing a leaf, and a CID the store does not have', async () => {
    const store = leavesStore(dir);
    const short = await storeBatchLeaves(store, `0x${leaves.slice(2, -64)}`);
    await assert.rejects(checkBatchLeaves(store, { cid: short, root: anchored.root, size: anchored.size }), /: 287968 bytes, where 9000 leaves take 288000\.$/);
    const cid = await storeBatchLeaves(store, leaves);
    await assert.rejects(checkBatchLeaves(leavesStore(path.join(dir, 'elsewhere')), { cid, root: anchored.root, size: anchored.size }), /: the blob is not in the store\.$/);
  });

  it('rejects leaves altered on disk under their old name', async () => {
    // A batch of 1,000 leaves (32,000 bytes) is one raw block: its file is the leaves themselves.
    const small = buildIdentityBatch(Array.from({ length: 1_000 }, (_, i) => ({ account: citizenAccount(i) as Address, kind: 'Person' as const })));
    const store = leavesStore(path.join(dir, 'altered'));
    const cid = await storeBatchLeaves(store, small.leaves);
    assert.match(cid, /^bafkrei/);
    await checkBatchLeaves(store, { cid, root: small.root, size: small.size });
    const file = blockFile(path.join(dir, 'altered'), cid);
    assert.deepEqual(new Uint8Array(await readFile(file)), hexToBytes(small.leaves));
    await writeFile(file, hexToBytes(tamper(small.leaves, 10)));
    await assert.rejects(checkBatchLeaves(store, { cid, root: small.root, size: small.size }), { name: 'BlobIntegrityError' });
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkBatchLeaves, leavesStore } from './batchLeaves.js';
import { runSimulation, type SimulationFigures, type SimulationOptions } from './runSimulation.js';

const small: SimulationOptions = { citizens: 250, batchSize: 100, claims: 2, verifications: 3, realCommitments: 2, hardfork: 'cancun', workers: 2 };

async function simulate(options: Partial<SimulationOptions> = {}) {
  const lines: string[] = [];
  const figures = await runSimulation({ ...small, ...options }, (line) => lines.push(line));
  return { figures, lines };
}

describe('runSimulation', () => {
  let dir: string;
  let calldata: { figures: SimulationFigures; lines: string[] };
  let store: { figures: SimulationFigures; lines: string[] };

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'identree-population-test-'));
    calldata = await simulate();
    store = await simulate({ publish: 'store', store: dir });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('issues every citizen through batches, then claims and verifies samples', () => {
    const { figures, lines } = calldata;
    assert.deepEqual([figures.citizens, figures.batches, figures.verified, figures.claimGas.length], [250, 3, 3, 2]);
    const progress = lines.filter((l) => /^batch /.test(l));
    assert.equal(progress.length, 3);
    assert.match(progress[2], /citizens 250 /);
    // Two 32-byte leaves of calldata per citizen cost at least 2 × 32 × 16 gas; small batches add their fixed costs.
    assert.ok(figures.gasPerCitizen > 1_000 && figures.gasPerCitizen < 4_000, `gas per citizen ${figures.gasPerCitizen}`);
    // The floor binds only where calldata outweighs execution; at 100-citizen batches the two are within
    // a few gas of each other (the Prague test below checks the floor against anvil's own charge).
    assert.ok(figures.gasPerCitizenEip7623 >= figures.gasPerCitizen, `${figures.gasPerCitizenEip7623} < ${figures.gasPerCitizen}`);
    assert.equal(figures.extrapolatedGas, Math.round((figures.issuanceGas / 250) * 131_822_858));
    assert.ok(figures.claimGas.every((g) => g > 50_000 && g < 100_000), `claim gas ${figures.claimGas}`);
    assert.ok(lines.some((l) => /citizen 0 \(real attribute commitment\): valid; with a forged commitment: invalid/.test(l)));
  });

  it('publishes the leaves in calldata by default and stores nothing', () => {
    const { figures, lines } = calldata;
    assert.deepEqual([figures.publish, figures.store, figures.stored, figures.leavesChecked], ['calldata', null, [], 0]);
    assert.ok(lines.some((l) => /leaves published in calldata$/.test(l)));
    assert.ok(lines.some((l) => /gas per citizen, leaves in calldata, anvil --hardfork cancun: /.test(l)));
  });

  it('stores each batch’s leaves as blobs named by CID, prints the CIDs and indexes them', async () => {
    const { figures, lines } = store;
    assert.deepEqual([figures.publish, figures.store, figures.citizens, figures.batches, figures.verified], ['store', dir, 250, 3, 3]);
    assert.deepEqual(figures.stored.map((b) => b.size), [100, 100, 50]);
    const printed = lines.filter((l) => /^ {2}leaves: /.test(l));
    assert.equal(printed.length, 3);
    figures.stored.forEach((b, i) => {
      // 3,200 bytes or fewer: one raw block, whose CIDv1 is bafkrei….
      for (const cid of [b.identity.cid, b.credential.cid]) assert.match(cid, /^bafkrei[a-z2-7]{52}$/);
      assert.equal(printed[i], `  leaves: identity batch ${b.identity.batchId} ${b.identity.cid}, birth-certificate batch ${b.credential.batchId} ${b.credential.cid}`);
    });
    const index = JSON.parse(await readFile(path.join(dir, 'batches.json'), 'utf8'));
    assert.deepEqual(index.batches, figures.stored);
    for (const b of figures.stored) {
      await checkBatchLeaves(leavesStore(dir), { cid: b.identity.cid, root: b.identity.root, size: b.size });
      await checkBatchLeaves(leavesStore(dir), { cid: b.credential.cid, root: b.credential.root, size: b.size });
    }
  });

  it('checks the sampled batches’ stored leaves against the roots on chain', () => {
    const { figures, lines } = store;
    // The first and the last batch always, and every batch holding a claimed or verified citizen.
    // Those citizens are drawn at random, so the middle batch is checked only when one falls in it.
    const checked = (n: number) => lines.some((l) => new RegExp(`^ {2}batch ${n}: \\d+ identity leaves and \\d+ birth-certificate leaves rebuild the anchored roots$`).test(l));
    assert.ok(checked(1) && checked(3), 'the first and the last batch are always checked');
    assert.equal(figures.leavesChecked, [1, 2, 3].filter(checked).length);
  });

  it('anchors without leaves: 2 × 32 bytes of calldata less per citizen, and the EIP-7623 floor does not bind', () => {
    const saved = calldata.figures.gasPerCitizen - store.figures.gasPerCitizen;
    // 2 × 32 bytes at 16 gas (4 for the rare zero byte): about 1,020 gas; the two runs otherwise execute the same code.
    assert.ok(saved > 950 && saved < 1_030, `saved ${saved} gas per citizen`);
    assert.equal(store.figures.gasPerCitizenEip7623, store.figures.gasPerCitizen);
  });

  it('on prague, anvil charges the calldata floor the cancun run computes, and store mode does not pay it', async () => {
    const pragueCalldata = (await simulate({ hardfork: 'prague' })).figures;
    assert.equal(pragueCalldata.hardfork, 'prague');
    assert.equal(pragueCalldata.gasPerCitizenEip7623, pragueCalldata.gasPerCitizen);
    // Random leaves differ between runs only in how many zero bytes they hold (a zero is 1 token, not 4).
    assert.ok(Math.abs(pragueCalldata.gasPerCitizen - calldata.figures.gasPerCitizenEip7623) < 10, `${pragueCalldata.gasPerCitizen} vs ${calldata.figures.gasPerCitizenEip7623}`);
    const pragueStore = (await simulate({ hardfork: 'prague', publish: 'store', store: path.join(dir, 'prague') })).figures;
    // Only the random roots' zero bytes differ between the runs: a few gas per batch.
    assert.ok(Math.abs(pragueStore.gasPerCitizen - store.figures.gasPerCitizen) < 1, `${pragueStore.gasPerCitizen} vs ${store.figures.gasPerCitizen}`);
    assert.equal(pragueStore.gasPerCitizenEip7623, pragueStore.gasPerCitizen);
  });

  it('rejects an unknown publication, and a store directory outside store mode', async () => {
    await assert.rejects(runSimulation({ ...small, publish: 'ipfs' as never }), /--publish must be calldata or store, not "ipfs"/);
    await assert.rejects(runSimulation({ ...small, store: dir }), /--store applies only to --publish store/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation } from './runSimulation.js';

describe('runSimulation', () => {
  it('issues every citizen through batches, then claims and verifies samples', async () => {
    const lines: string[] = [];
    const figures = await runSimulation(
      { citizens: 250, batchSize: 100, claims: 2, verifications: 3, realCommitments: 2, hardfork: 'cancun', workers: 2 },
      (line) => lines.push(line),
    );
    assert.deepEqual([figures.citizens, figures.batches, figures.verified, figures.claimGas.length], [250, 3, 3, 2]);
    const progress = lines.filter((l) => /^batch /.test(l));
    assert.equal(progress.length, 3);
    assert.match(progress[2], /citizens 250 /);
    // Two 32-byte leaves of calldata per citizen cost at least 2 × 32 × 16 gas; small batches add their fixed costs.
    assert.ok(figures.gasPerCitizen > 1_000 && figures.gasPerCitizen < 4_000, `gas per citizen ${figures.gasPerCitizen}`);
    assert.ok(figures.gasPerCitizenEip7623 > figures.gasPerCitizen);
    assert.equal(figures.extrapolatedGas, Math.round((figures.issuanceGas / 250) * 131_822_858));
    assert.ok(figures.claimGas.every((g) => g > 50_000 && g < 100_000), `claim gas ${figures.claimGas}`);
    assert.ok(lines.some((l) => /citizen 0 \(real attribute commitment\): valid; with a forged commitment: invalid/.test(l)));
  });
});

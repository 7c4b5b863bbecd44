import os from 'node:os';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Run } from '../cli/runner.js';
import { positiveInteger } from '../cli/arguments.js';

export function populationCommands(program: Command, run: Run) {
  program.command('sim').description('simulations on a throwaway local chain').command('population')
    .description('issue identities and birth certificates to N synthetic citizens in Merkle batches, on its own anvil, and print gas and time')
    .option('--citizens <n>', 'citizens', positiveInteger('--citizens'), 100_000)
    .option('--batch-size <n>', 'citizens per batch', positiveInteger('--batch-size'), 10_000)
    .option('--workers <n>', 'threads building trees', positiveInteger('--workers'), Math.max(1, os.availableParallelism()))
    .addHelpText('after', '\nExample:\n  identree sim population --citizens 1000000 --json')
    .action(run(async (ctx, opts: { citizens: number; batchSize: number; workers: number }) => {
      const bar = process.stderr.isTTY && !ctx.out.json
        ? new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} batch {batch}/{batches} | {value}/{total} citizens | {gasPer} gas/citizen | ETA {eta_formatted}' }, cliProgress.Presets.shades_classic)
        : undefined;
      bar?.start(opts.citizens, 0, { batch: 0, batches: Math.ceil(opts.citizens / opts.batchSize), gasPer: '-' });
      // Loaded here: the simulation brings its own chain tooling, which no other command needs at start-up.
      const { runSimulation } = await import('@identree/population/simulation');
      const figures = await runSimulation({
        citizens: opts.citizens, batchSize: opts.batchSize, workers: opts.workers, claims: 5, verifications: 5, realCommitments: 3, hardfork: 'cancun',
        onBatch: ({ batch, batches, citizens, gas }) => bar?.update(citizens, { batch, batches, gasPer: (Number(gas) / citizens).toFixed(1) }),
      }, () => {}).finally(() => bar?.stop());
      const summary = { citizens: figures.citizens, gasPerCitizen: figures.gasPerCitizen, wallSeconds: figures.wallSeconds, extrapolatedGas: figures.extrapolatedGas, paperExtrapolatedGas: figures.paperExtrapolatedGas };
      ctx.out.result(summary, () => ctx.out.fields(Object.entries(summary)));
    }));
}

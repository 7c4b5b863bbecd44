// npm run sim:population -- --citizens 1000000 [--batch-size 10000] [--claims 5] [--verify 5]
//   [--hardfork cancun] [--workers N] [--publish calldata|store] [--store DIR]
// Issues an identity and a birth certificate to every synthetic citizen through Merkle batches on a
// local anvil, prints a line per batch, then the figures. The last line is one JSON object.
// --publish store writes each batch's leaves as IPFS blobs in DIR (a new temporary directory by
// default) instead of calldata, and checks the sampled batches' blobs against the anchored roots.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PUBLICATIONS, runSimulation, type Publication } from './runSimulation.js';

const { values } = parseArgs({
  options: {
    citizens: { type: 'string', default: '100000' },
    'batch-size': { type: 'string', default: '10000' },
    claims: { type: 'string', default: '5' },
    verify: { type: 'string', default: '5' },
    'real-commitments': { type: 'string', default: '3' },
    // The contracts are compiled for Cancun (foundry.toml); later forks price calldata by EIP-7623's
    // floor, which the figures also report.
    hardfork: { type: 'string', default: 'cancun' },
    workers: { type: 'string', default: String(Math.max(1, os.availableParallelism())) },
    // calldata stays the default so the figures compare with the earlier runs.
    publish: { type: 'string', default: 'calldata' },
    store: { type: 'string' },
  },
});
const whole = (name: string, text: string) => {
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`--${name} must be a whole number, not "${text}"`);
  return n;
};

const publication = (text: string): Publication => {
  if (!(PUBLICATIONS as readonly string[]).includes(text)) throw new RangeError(`--publish must be ${PUBLICATIONS.join(' or ')}, not "${text}"`);
  return text as Publication;
};

const figures = await runSimulation({
  citizens: whole('citizens', values.citizens!),
  batchSize: whole('batch-size', values['batch-size']!),
  claims: whole('claims', values.claims!),
  verifications: whole('verify', values.verify!),
  realCommitments: whole('real-commitments', values['real-commitments']!),
  hardfork: values.hardfork!,
  workers: Math.max(1, whole('workers', values.workers!)),
  publish: publication(values.publish!),
  store: values.store,
});
const meanClaimGas = figures.claimGas.length ? Math.round(figures.claimGas.reduce((a, b) => a + b, 0) / figures.claimGas.length) : 0;
console.log(
  JSON.stringify({
    citizens: figures.citizens,
    gasPerCitizen: figures.gasPerCitizen,
    wallSeconds: figures.wallSeconds,
    extrapolatedGas: figures.extrapolatedGas,
    claimGas: meanClaimGas,
    gasPerCitizenEip7623: figures.gasPerCitizenEip7623,
    deployGas: figures.deployGas,
    issuanceGas: figures.issuanceGas,
    batchSize: figures.batchSize,
    hardfork: figures.hardfork,
    publish: figures.publish,
    store: figures.store,
    leavesChecked: figures.leavesChecked,
    paperExtrapolatedGas: figures.paperExtrapolatedGas,
  }),
);

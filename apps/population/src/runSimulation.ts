import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAnvil } from '@identree/devchain';
import {
  anchorCredentialBatch,
  anchorIdentityBatch,
  claimIdentity,
  CredentialType,
  deployIdentityRegistry,
  getCredentialBatch,
  getIdentityBatch,
  isBatchCredentialValid,
  MAX_BATCH_SIZE,
} from '@identree/sdk';
import { hexToBytes, keccak256, type Hash, type Hex } from 'viem';
import { checkBatchLeaves, leavesStore } from './batchLeaves.js';
import { batchPool } from './batchPool.js';
import type { BatchJob, BatchSample } from './buildBatches.js';
import { MEXICO_POPULATION, PAPER_POPULATION_GAS } from './paperPopulation.js';
import { randomSalt } from './syntheticCitizens.js';
import { within } from './within.js';

/**
 * Where a batch's leaf hashes go. `calldata`: in the anchor transaction, so the chain alone lets
 * anyone rebuild every proof (512 gas a leaf at 16 gas a byte, 1,280 under EIP-7623's floor; two
 * leaves per citizen), and every citizen's address-derived leaf is public. `store`: as an IPFS blob named by its CID, outside the chain; the anchor
 * carries no leaves, and whoever holds the blob can rebuild the proofs and check them against the
 * anchored root.
 */
export type Publication = 'calldata' | 'store';
export const PUBLICATIONS: readonly Publication[] = ['calldata', 'store'];

export type SimulationOptions = {
  citizens: number;
  batchSize: number;
  /** Identities claimed through a relayer at the end. */
  claims: number;
  /** Batch credentials checked with isBatchCredentialValid at the end. */
  verifications: number;
  /** Citizens whose birth certificate commits to a real salted attribute tree. */
  realCommitments: number;
  /** anvil's --hardfork: it decides how calldata is priced. */
  hardfork: string;
  workers: number;
  /** Default `calldata`, the mode of the earlier figures. */
  publish?: Publication;
  /** The blob directory under `publish: 'store'`; a new temporary directory when omitted. */
  store?: string;
  /** Called after each anchored batch (the CLI draws its progress bar from it). */
  onBatch?: (progress: { batch: number; batches: number; citizens: number; gas: bigint }) => void;
};

/** One anchored batch in store mode: what a reader needs to find and check its leaves. */
export type StoredBatch = {
  batch: number;
  size: number;
  identity: { batchId: string; root: Hash; cid: string };
  credential: { batchId: string; root: Hash; cid: string };
};

export type SimulationFigures = {
  citizens: number;
  batchSize: number;
  batches: number;
  hardfork: string;
  publish: Publication;
  /** The blob directory, null in calldata mode. */
  store: string | null;
  /** Store mode: every batch's CIDs, in batch order (also written to `<store>/batches.json`). */
  stored: StoredBatch[];
  /** Store mode: batches whose two blobs were read back, rebuilt and matched to the on-chain roots. */
  leavesChecked: number;
  deployGas: number;
  issuanceGas: number;
  gasPerCitizen: number;
  /** What the same anchors cost where EIP-7623's calldata floor applies (Prague and later). */
  gasPerCitizenEip7623: number;
  calldataShare: number;
  claimGas: number[];
  verified: number;
  wallSeconds: number;
  extrapolatedGas: number;
  paperExtrapolatedGas: number;
};

type Print = (line: string) => void;

/** Far above any step's normal time (seconds), even on a busy 2-core machine. */
const STEP_SECONDS = 300;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sci = (n: number) => n.toExponential(3);

/** Calldata tokens as EIP-7623 counts them: a zero byte is one token, any other byte four. */
function calldataTokens(input: Hex): number {
  const bytes = hexToBytes(input);
  let zeros = 0;
  for (const b of bytes) if (b === 0) zeros++;
  return zeros + 4 * (bytes.length - zeros);
}

/** Distinct random integers in [0, n), at most n of them. */
function pick(count: number, n: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n)) chosen.add(Math.floor(Math.random() * n));
  return [...chosen];
}

/**
 * Issues identities and birth certificates to `citizens` synthetic citizens, one identity batch and
 * one credential batch per `batchSize` citizens, with every leaf published in calldata or stored as
 * IPFS blobs (`publish`). Then claims a few identities through a relayer, verifies a few batch
 * credentials and, in store mode, checks the stored leaves of the sampled batches against the chain.
 */
export async function runSimulation(options: SimulationOptions, print: Print = console.log): Promise<SimulationFigures> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const { citizens, batchSize } = options;
  if (!Number.isInteger(citizens) || citizens < 1) throw new RangeError('--citizens must be a positive whole number');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) throw new RangeError(`--batch-size must be 1 to ${MAX_BATCH_SIZE}`);
  const batches = Math.ceil(citizens / batchSize);
  const publish = options.publish ?? 'calldata';
  if (!PUBLICATIONS.includes(publish)) throw new RangeError(`--publish must be ${PUBLICATIONS.join(' or ')}, not "${publish}"`);
  if (options.store !== undefined && publish !== 'store') throw new RangeError('--store applies only to --publish store');
  const storeDir = publish === 'store' ? path.resolve(options.store ?? (await mkdtemp(path.join(os.tmpdir(), 'identree-population-')))) : null;

  // A published batch must fit in one block even at EIP-7623's 40 gas per non-zero byte.
  const gasLimit = Math.max(30_000_000, batchSize * 32 * 40 + 1_000_000);
  // A batch of 50,000 published leaves is a 3.2 MB JSON-RPC request, above anvil's default 2 MB.
  const chain = await startAnvil({ accounts: 2, args: ['--hardfork', options.hardfork, '--gas-limit', String(gasLimit), '--no-request-size-limit'] });
  try {
    const gov = chain.wallet(0);
    const relayer = chain.wallet(1);
    const deployment = await deployIdentityRegistry(gov);
    const registry = deployment.registry;

    const salt = randomSalt();
    const claimed = new Set(pick(options.claims, citizens));
    // Citizen 0 holds a real commitment, so one verification always covers a real attribute tree.
    const verified = new Set(options.verifications > 0 ? [0, ...pick(options.verifications - 1, citizens)] : []);
    const jobs: BatchJob[] = Array.from({ length: batches }, (_, batch) => {
      const start = batch * batchSize;
      const size = Math.min(batchSize, citizens - start);
      const samples = [...claimed, ...verified].filter((c) => c >= start && c < start + size).map((c) => c - start);
      return { batch, start, size, salt, realCommitments: options.realCommitments, samples: [...new Set(samples)], ...(storeDir && { store: storeDir }) };
    });

    print(`Identree whole-population issuance — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`);
    print(`Chain: anvil --hardfork ${options.hardfork}, block gas limit ${fmt(gasLimit)}, no request size limit; registry deployed for ${fmt(Number(deployment.gasUsed))} gas`);
    print(
      `Citizens: ${fmt(citizens)} in ${batches} batch${batches > 1 ? 'es' : ''} of up to ${fmt(batchSize)}; per batch one identity batch and one BirthCertificate batch, ${
        storeDir ? `leaves stored as IPFS blobs (CIDv1, kubo's) in ${storeDir}, anchors without leaves` : 'leaves published in calldata'
      }`,
    );
    print(
      `Commitments: the first ${Math.min(options.realCommitments, citizens)} use commitAttributes (a salted attribute tree); the other ` +
        `${fmt(Math.max(0, citizens - options.realCommitments))} use keccak256(random salt ‖ citizen number), because a real tree per citizen is too slow at this scale (the chain sees 32 bytes either way)`,
    );
    print(`Trees built on ${options.workers} worker thread${options.workers > 1 ? 's' : ''} while the main thread anchors\n`);

    const pool = batchPool({ jobs, workers: options.workers });
    let issuanceGas = 0n;
    let eip7623Gas = 0n;
    let calldataGas = 0n;
    let done = 0;
    const samples: Array<BatchSample & { identityBatchId: bigint; credentialBatchId: bigint; citizen: number }> = [];
    const stored: StoredBatch[] = [];
    try {
      for (let b = 0; b < batches; b++) {
        const built = await within(pool.next(), STEP_SECONDS, `building batch ${b + 1}`);
        const identity = await within(
          // In store mode `leaves` is 0x: the anchor publishes nothing but the root and the size.
          anchorIdentityBatch(gov, { registry, root: built.identity.root, size: built.size, leaves: built.identity.leaves }),
          STEP_SECONDS,
          `anchoring identity batch ${b + 1}`,
        );
        const credential = await within(
          anchorCredentialBatch(gov, {
            registry,
            credentialType: CredentialType.BirthCertificate,
            root: built.credential.root,
            size: built.size,
            leaves: built.credential.leaves,
          }),
          STEP_SECONDS,
          `anchoring credential batch ${b + 1}`,
        );
        if (credential.level !== 'GovernmentCertified') throw new Error(`batch ${b} anchored at ${credential.level}`);
        for (const { hash, gasUsed } of [identity, credential]) {
          const { input } = await gov.getTransaction({ hash });
          const tokens = BigInt(calldataTokens(input));
          issuanceGas += gasUsed;
          calldataGas += 4n * tokens;
          const floor = 21_000n + 10n * tokens;
          eip7623Gas += gasUsed > floor ? gasUsed : floor;
        }
        for (const s of built.samples) {
          samples.push({ ...s, identityBatchId: identity.batchId, credentialBatchId: credential.batchId, citizen: built.start + s.index });
        }
        done += built.size;
        options.onBatch?.({ batch: b + 1, batches, citizens: done, gas: issuanceGas });
        print(
          `batch ${String(b + 1).padStart(String(batches).length)}/${batches}  citizens ${fmt(done).padStart(fmt(citizens).length)}  ` +
            `gas so far ${fmt(Number(issuanceGas))} (${fmt(Number(issuanceGas) / done, 1)}/citizen)  built in ${fmt(built.buildMs / 1000, 1)} s  elapsed ${fmt(elapsed(), 1)} s`,
        );
        if (built.identity.cid && built.credential.cid) {
          stored.push({
            batch: b,
            size: built.size,
            identity: { batchId: String(identity.batchId), root: built.identity.root, cid: built.identity.cid },
            credential: { batchId: String(credential.batchId), root: built.credential.root, cid: built.credential.cid },
          });
          print(`  leaves: identity batch ${identity.batchId} ${built.identity.cid}, birth-certificate batch ${credential.batchId} ${built.credential.cid}`);
        }
      }
    } finally {
      await pool.close();
    }

    print('\nClaims (lazy: paid at first use by whoever relays them, here an account that is not the citizen)');
    const claimGas: number[] = [];
    for (const s of samples.filter((s) => claimed.has(s.citizen))) {
      const { tokenId, gasUsed } = await claimIdentity(relayer, {
        registry, batchId: s.identityBatchId, entity: s.account, kind: 'Person', index: s.index, proof: s.identityProof,
      });
      const batch = await getIdentityBatch(relayer, { registry, batchId: s.identityBatchId });
      if (tokenId !== BigInt(s.account) || batch?.registrar !== gov.account.address) throw new Error(`claim of citizen ${s.citizen} minted the wrong token`);
      claimGas.push(Number(gasUsed));
      print(`  citizen ${fmt(s.citizen)} (batch ${s.identityBatchId}, index ${s.index}, proof of ${s.identityProof.length} nodes): ${fmt(Number(gasUsed))} gas`);
    }

    print('\nVerification (isBatchCredentialValid: membership proof, not revoked, inside the window)');
    let ok = 0;
    for (const s of samples.filter((s) => verified.has(s.citizen))) {
      const valid = await isBatchCredentialValid(relayer, {
        registry, batchId: s.credentialBatchId, index: s.index, subject: s.account, commitment: s.commitment, proof: s.credentialProof,
      });
      const forged = await isBatchCredentialValid(relayer, {
        registry, batchId: s.credentialBatchId, index: s.index, subject: s.account, commitment: keccak256(s.commitment), proof: s.credentialProof,
      });
      if (valid && !forged) ok++;
      print(`  citizen ${fmt(s.citizen)}${s.citizen < options.realCommitments ? ' (real attribute commitment)' : ''}: ${valid ? 'valid' : 'INVALID'}; with a forged commitment: ${forged ? 'VALID' : 'invalid'}`);
    }

    let leavesChecked = 0;
    if (storeDir) {
      // The index a reader needs to go from an on-chain batch to its blob; not content-addressed itself.
      await writeFile(path.join(storeDir, 'batches.json'), `${JSON.stringify({ registry, batches: stored }, null, 2)}\n`);
      // The batches holding a claimed or verified citizen, and the first and last: read back from the
      // store (every block re-hashed), rebuilt, and matched against the roots the registry holds.
      const sampledBatches = new Set([0, batches - 1, ...samples.map((s) => Math.floor(s.citizen / batchSize))]);
      print(`\nStored leaves (read back by CID, every block re-hashed, tree rebuilt, root compared with the registry's)`);
      for (const entry of stored.filter((e) => sampledBatches.has(e.batch))) {
        const store = leavesStore(storeDir);
        const identityBatch = await getIdentityBatch(relayer, { registry, batchId: BigInt(entry.identity.batchId) });
        const credentialBatch = await getCredentialBatch(relayer, { registry, batchId: BigInt(entry.credential.batchId) });
        if (!identityBatch || !credentialBatch) throw new Error(`batch ${entry.batch + 1} is not on chain`);
        await checkBatchLeaves(store, { cid: entry.identity.cid, root: identityBatch.root, size: identityBatch.size });
        await checkBatchLeaves(store, { cid: entry.credential.cid, root: credentialBatch.root, size: credentialBatch.size });
        leavesChecked++;
        print(`  batch ${entry.batch + 1}: ${fmt(entry.size)} identity leaves and ${fmt(entry.size)} birth-certificate leaves rebuild the anchored roots`);
      }
    }

    const perCitizen = Number(issuanceGas) / citizens;
    const figures: SimulationFigures = {
      citizens,
      batchSize,
      batches,
      hardfork: options.hardfork,
      publish,
      store: storeDir,
      stored,
      leavesChecked,
      deployGas: Number(deployment.gasUsed),
      issuanceGas: Number(issuanceGas),
      gasPerCitizen: Math.round(perCitizen * 10) / 10,
      gasPerCitizenEip7623: Math.round((Number(eip7623Gas) / citizens) * 10) / 10,
      calldataShare: Number(calldataGas) / Number(issuanceGas),
      claimGas,
      verified: ok,
      wallSeconds: Math.round(elapsed() * 10) / 10,
      extrapolatedGas: Math.round(perCitizen * MEXICO_POPULATION),
      paperExtrapolatedGas: PAPER_POPULATION_GAS,
    };
    const meanClaim = claimGas.length ? claimGas.reduce((a, b) => a + b, 0) / claimGas.length : 0;

    print('\nFigures');
    print(`  issuance gas (anchor transactions only; the deployment and the claims are not included): ${fmt(figures.issuanceGas)}`);
    print(
      `  gas per citizen, leaves ${publish === 'store' ? 'stored off-chain' : 'in calldata'}, anvil --hardfork ${options.hardfork}: ` +
        `${fmt(figures.gasPerCitizen, 1)} (target ≤ 2,000), of which calldata at 16/4 gas a byte ${fmt(figures.calldataShare * 100, 1)}%`,
    );
    print(`  the same anchors under EIP-7623's calldata floor (Prague and later): ${fmt(figures.gasPerCitizenEip7623, 1)} per citizen`);
    print(`  deployment, once: ${fmt(figures.deployGas)} gas`);
    print(`  claims: ${claimGas.length}, ${fmt(meanClaim)} gas each on average (paid on first use, not at issuance)`);
    print(`  verified: ${ok}/${verified.size} batch credentials valid, and none with a forged commitment`);
    if (storeDir) print(`  stored leaves: ${stored.length * 2} blobs in ${storeDir} (index in batches.json); ${leavesChecked} batches checked against the chain`);
    print(`  wall time: ${fmt(figures.wallSeconds, 1)} s (${fmt(citizens / figures.wallSeconds)} citizens/s, anvil start to last check)`);
    print(`\nExtrapolation to ${fmt(MEXICO_POPULATION)} citizens (identity + birth certificate each)`);
    print(`  Identree, batched: ${sci(figures.extrapolatedGas)} gas (issuance only)   paper: ${sci(PAPER_POPULATION_GAS)}   ${fmt(PAPER_POPULATION_GAS / figures.extrapolatedGas)}× less`);
    print(`  if every citizen later claims a token: + ${sci(meanClaim * MEXICO_POPULATION)} gas, spread over first uses`);
    if (ok !== verified.size) throw new Error(`only ${ok} of ${verified.size} verifications passed`);
    return figures;
  } finally {
    await chain.stop();
  }
}

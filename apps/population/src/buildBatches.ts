import { buildCredentialBatch, buildIdentityBatch } from '@identree/sdk';
import type { Hash, Hex } from 'viem';
import { leavesStore, storeBatchLeaves } from './batchLeaves.js';
import { syntheticCitizens } from './syntheticCitizens.js';

export type BatchJob = {
  batch: number;
  start: number;
  size: number;
  salt: Hex;
  realCommitments: number;
  /** Positions in this batch whose entries and proofs the simulation keeps, to claim and verify later. */
  samples: number[];
  /** Where to write the leaf lists as IPFS blobs (`--publish store`); absent when they go in calldata. */
  store?: string;
};

export type BatchSample = {
  index: number;
  account: `0x${string}`;
  commitment: Hex;
  identityProof: Hash[];
  credentialProof: Hash[];
};

export type BuiltBatches = {
  batch: number;
  start: number;
  size: number;
  /**
   * `leaves` is the calldata payload, or `0x` when the leaves went to the store (no need to copy
   * them between threads); `cid` names the stored blob, null in calldata mode.
   */
  identity: { root: Hash; leaves: Hex; cid: string | null };
  credential: { root: Hash; leaves: Hex; cid: string | null };
  samples: BatchSample[];
  buildMs: number;
};

/**
 * One batch of synthetic citizens: its identity tree and its birth-certificate tree, built with the
 * SDK, with their leaf lists written to the blob store when the job names one. Only plain data
 * comes back, so the job can run on a worker thread.
 */
export async function buildBatches(job: BatchJob): Promise<BuiltBatches> {
  const started = performance.now();
  const { identities, births } = syntheticCitizens({ start: job.start, count: job.size, salt: job.salt, realCommitments: job.realCommitments });
  const identity = buildIdentityBatch(identities);
  const credential = buildCredentialBatch(births);
  const published = async ({ root, leaves }: { root: Hash; leaves: Hex }) => {
    if (!job.store) return { root, leaves, cid: null };
    return { root, leaves: '0x' as Hex, cid: await storeBatchLeaves(leavesStore(job.store), leaves) };
  };
  const [identityPublished, credentialPublished] = await Promise.all([published(identity), published(credential)]);
  return {
    batch: job.batch,
    start: job.start,
    size: job.size,
    identity: identityPublished,
    credential: credentialPublished,
    samples: job.samples.map((index) => ({
      index,
      account: identities[index].account,
      commitment: births[index].commitment,
      identityProof: identity.proof(index),
      credentialProof: credential.proof(index),
    })),
    buildMs: performance.now() - started,
  };
}

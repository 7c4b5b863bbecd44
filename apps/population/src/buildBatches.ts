import { buildCredentialBatch, buildIdentityBatch } from '@identree/sdk';
import type { Hash, Hex } from 'viem';
import { syntheticCitizens } from './syntheticCitizens.js';

export type BatchJob = {
  batch: number;
  start: number;
  size: number;
  salt: Hex;
  realCommitments: number;
  /** Positions in this batch whose entries and proofs the simulation keeps, to claim and verify later. */
  samples: number[];
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
  identity: { root: Hash; leaves: Hex };
  credential: { root: Hash; leaves: Hex };
  samples: BatchSample[];
  buildMs: number;
};

/**
 * One batch of synthetic citizens: its identity tree and its birth-certificate tree, built with the
 * SDK. Only plain data comes back, so the job can run on a worker thread.
 */
export function buildBatches(job: BatchJob): BuiltBatches {
  const started = performance.now();
  const { identities, births } = syntheticCitizens({ start: job.start, count: job.size, salt: job.salt, realCommitments: job.realCommitments });
  const identity = buildIdentityBatch(identities);
  const credential = buildCredentialBatch(births);
  return {
    batch: job.batch,
    start: job.start,
    size: job.size,
    identity: { root: identity.root, leaves: identity.leaves },
    credential: { root: credential.root, leaves: credential.leaves },
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

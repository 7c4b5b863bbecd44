import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { createPublicClient, http, keccak256, stringToHex, zeroHash } from 'viem';
import type { RegistryPort } from '@identree/chain';
import { createChainWorkerClient } from '../chainWorker/chainWorkerClient.js';
import { writesGateway } from '../chainWorker/writesGateway.js';
import { ServiceError } from '../errors.js';
import { relayedEnrollmentChain } from './relayedEnrollmentChain.js';

// Nothing listens on port 1: the chain worker and the node are both down.
const down = 'http://127.0.0.1:1';

it('answers 503 chain_worker_unavailable for the provider\'s writes while the chain worker is down', async () => {
  const chain = { chainId: 31337, sponsorAddress: '0x000000000000000000000000000000000000dEaD', reader: createPublicClient({ transport: http(down, { retryCount: 0 }) }) } as unknown as RegistryPort;
  const relayed = relayedEnrollmentChain({ chain, writes: writesGateway(createChainWorkerClient(createGrpcTransport({ baseUrl: down }))), enrollmentRegistry: '0x000000000000000000000000000000000000bEEF' });
  const answer = { field: 0, slot: 0, agrees: true, textHash: zeroHash, r: keccak256(stringToHex('r')), vs: keccak256(stringToHex('vs')) };
  const commitment = { enrollee: chain.sponsorAddress, imageHash: keccak256(stringToHex('photo')), fieldsRoot: keccak256(stringToHex('fields')) };
  for (const write of [
    () => relayed.recordConfirmations(undefined as never, keccak256(stringToHex('enrollment')), [answer]),
    () => relayed.attest(undefined as never, commitment, keccak256(stringToHex('credential'))),
    () => relayed.recordAndAttest(undefined as never, commitment, [answer], keccak256(stringToHex('credential'))),
  ]) {
    await assert.rejects(write(), (error: ServiceError) => {
      assert.deepEqual([error.statusCode, error.code], [503, 'chain_worker_unavailable']);
      return true;
    });
  }
});

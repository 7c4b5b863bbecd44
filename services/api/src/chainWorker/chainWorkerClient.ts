import { createClient, type Client, type Transport } from '@connectrpc/connect';
import { HealthService, IndexerService, WriteService } from '@identree/proto';

/** The chain worker's generated clients over one transport: in-process or gRPC over HTTP/2. */
export type ChainWorkerClient = {
  writes: Client<typeof WriteService>;
  indexer: Client<typeof IndexerService>;
  health: Client<typeof HealthService>;
};

export function createChainWorkerClient(transport: Transport): ChainWorkerClient {
  return {
    writes: createClient(WriteService, transport),
    indexer: createClient(IndexerService, transport),
    health: createClient(HealthService, transport),
  };
}

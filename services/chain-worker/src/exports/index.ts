// The chain worker as a library: its core over the ports, and the gRPC routes that serve it.
export { createChainWorker, type ChainWorker, type ChainWorkerParameters } from '../chainWorker.js';
export { chainWorkerRoutes } from '../grpc/chainWorkerRoutes.js';
export { chainWorkerErrors, ChainWorkerError, type ChainWorkerErrorCode } from '../errors.js';
export type { WebhookDispatcherOptions } from '../webhooks/dispatcher.js';
export { listenChainWorker, type ChainWorkerServer } from '../grpc/listenChainWorker.js';
export { CHAIN_WORKER_ENVIRONMENT, loadChainWorkerConfig, type ChainWorkerConfig } from '../config.js';

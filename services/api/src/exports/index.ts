// The API as a library, for the launchers in services/stack: the app, its configuration, and the
// chain worker's client it talks through.
export { buildApp, BODY_LIMIT, type AppDependencies } from '../app.js';
export { API_ENVIRONMENT, ConfigError, loadConfig, type ServiceConfig } from '../config.js';
export { createChainWorkerClient, type ChainWorkerClient } from '../chainWorker/chainWorkerClient.js';
export { writesGateway, type WritesGateway } from '../chainWorker/writesGateway.js';
export { faceDependencies, relayedFaceDependencies, type FaceDependenciesParameters, type RelayedFaceDependenciesParameters } from '../face/faceDependencies.js';
export type { FaceRouteDependencies } from '../routes/faceTemplates.js';
export {
  relayedEnrollmentDependencies,
  type EnrollmentDependenciesReturnType,
  type RelayedEnrollmentDependenciesParameters,
} from '../enrollment/enrollmentDependencies.js';

// Connecting the services to an EVM node and its registry.
export { connectChain, connectRegistry, type ChainPort, type ConnectChainParameters, type ConnectRegistryParameters, type RegistryPort } from '../connectChain.js';
export { ChainConfigError } from '../errors.js';
export { ensureFaceTemplateRegistry, type EnsureFaceTemplateRegistryParameters } from '../ensureFaceTemplateRegistry.js';
export { ensureEnrollmentRegistry, type EnsureEnrollmentRegistryParameters } from '../ensureEnrollmentRegistry.js';

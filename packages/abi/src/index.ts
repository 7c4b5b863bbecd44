export { identityRegistryAbi, identityRegistryBytecode } from './identityRegistry.js';
export { holderRegistryAbi, holderRegistryBytecode } from './holderRegistry.js';

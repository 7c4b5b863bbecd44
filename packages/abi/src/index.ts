export { identityRegistryAbi, identityRegistryBytecode } from './identityRegistry.js';
export { identityRegistryParisBytecode } from './identityRegistryParis.js';
export { holderRegistryAbi, holderRegistryBytecode } from './holderRegistry.js';
export { enrollmentRegistryAbi, enrollmentRegistryBytecode } from './enrollmentRegistry.js';
export { enrollmentRegistryParisBytecode } from './enrollmentRegistryParis.js';

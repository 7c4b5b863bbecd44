export { identityRegistryAbi, identityRegistryBytecode } from './identityRegistry.js';

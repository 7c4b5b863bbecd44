export { identityRegistryAbi, identityRegistryBytecode } from './identityRegistry.js';
export { consentRegistryAbi, consentRegistryBytecode } from './consentRegistry.js';

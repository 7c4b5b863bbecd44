export { identityRegistryAbi, identityRegistryBytecode } from './identityRegistry.js';
export { identityRegistryParisBytecode } from './identityRegistryParis.js';
export { holderRegistryAbi, holderRegistryBytecode } from './holderRegistry.js';
export { enrollmentRegistryAbi, enrollmentRegistryBytecode } from './enrollmentRegistry.js';
export { enrollmentRegistryParisBytecode } from './enrollmentRegistryParis.js';
export { faceTemplateRegistryAbi, faceTemplateRegistryBytecode } from './faceTemplateRegistry.js';
export { faceTemplateRegistryParisBytecode } from './faceTemplateRegistryParis.js';

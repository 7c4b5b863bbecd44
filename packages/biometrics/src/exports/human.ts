// The face port's adapter on @vladmandic/human (tfjs WebAssembly, models read from the package's files).
export { createHumanEngine, type HumanEngine, type CreateHumanEngineParameters, type HumanEmbeddingModel } from '../human/createHumanEngine.js';
export { registerDiskModelLoader } from '../human/diskModelLoader.js';

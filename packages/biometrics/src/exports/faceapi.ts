// The face port's second adapter, on @vladmandic/face-api (faceRecognitionNet, tfjs WebAssembly, models read from disk).
export { createFaceApiEngine, type FaceApiEngine, type CreateFaceApiEngineParameters } from '../faceapi/createFaceApiEngine.js';

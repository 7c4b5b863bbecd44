// The face port's adapter in a web page: human's browser ESM build on tfjs WebAssembly. A separate entry,
// so an app loads it (2 MB of tfjs) only when the camera is about to be used.
export { createBrowserHumanEngine, type BrowserHumanEngine, type CreateBrowserHumanEngineParameters } from '../human/createBrowserHumanEngine.js';

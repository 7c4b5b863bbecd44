import { Buffer } from 'buffer';

// Parts of the SDK's dependency tree (ECIES, SD-JWT) reach for Node's Buffer when they load; the
// browser has none. Imported first by every view that brings the SDK.
(globalThis as { Buffer?: typeof Buffer }).Buffer ??= Buffer;

// Shared behaviour suites and fakes, for adapters and for the services' tests; never imported by production code.
export { describeStorage, type StorageHarness, type StoragePlace } from '../storage/storage.suite.js';
export { holderStorageTests } from '../storage/holderStorage.suite.js';
export { loginNonceStoreBehaves } from '../nonces/loginNonceStore.behavior.js';
export { describeBlobStore, oneMebibyte, ONE_MEBIBYTE_CID, type BlobStoreHarness } from '../blobs/blobStore.suite.js';
export { fakeKubo, writeFsBlock, emptyDirectoryBlock, EMPTY_DIRECTORY_CID } from '../blobs/fakeKubo.js';

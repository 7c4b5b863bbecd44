// Entry of a worker thread when the service runs from TypeScript sources. Node 20 does not carry
// tsx's loader hooks into worker threads (neither from `tsx` nor from `--import tsx`), so the
// thread loads its real module, named in workerData.module, through tsx itself.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.module, import.meta.url);

// Helper-thread entry for the parallel pair kernels (src/population/kernel/parallelism.ts):
// registers the TypeScript loader in this thread (loaders do not carry over from
// the main thread), then hands over to the loop in pairWorker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./pairWorker.ts');

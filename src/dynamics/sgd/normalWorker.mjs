// Worker-thread entry of the SGD batch sampler (batchSource.ts). Worker threads
// do not inherit the TypeScript loader of the main thread in every host (CLI,
// vitest, tsx), so this plain-JS file registers tsx and loads the TS body.
import { register } from 'tsx/esm/api';

register();
await import('./normalWorkerBody.ts');

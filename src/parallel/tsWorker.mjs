// Entry of every worker thread of moe-repro (sweep points, verification runs, pair kernels, the SGD
// batch sampler). Worker threads do not inherit the TypeScript loader of the main thread in every
// host (CLI, vitest, tsx), so this plain-JS file registers tsx in the thread (and the resolution of
// moe-repro/... for user engines: src/loader/userModules.mjs), then loads the
// TypeScript module named by workerData.module; that module reads its input with workerInput()
// (tsWorker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { registerUserModuleHooks } from '../loader/userModules.mjs';

register();
registerUserModuleHooks();
await import(workerData.module);

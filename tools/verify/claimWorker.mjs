// Worker-thread entry of the verification sweep: registers the TypeScript
// loader in this thread (loaders do not carry over from the main thread).
import { register } from 'tsx/esm/api';

register();
await import('./claimWorker.ts');

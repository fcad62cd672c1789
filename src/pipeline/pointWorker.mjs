// Worker-thread entry for sweep points: registers the TypeScript loader in
// this thread (loaders do not carry over from the main thread), then hands over.
import { register } from 'tsx/esm/api';

register();
await import('./pointWorker.ts');

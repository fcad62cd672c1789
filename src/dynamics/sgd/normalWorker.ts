/**
 * Worker-thread body of the SGD batch sampler (batchSource.ts): draws
 * standard normals from stream `stream` of `new SeedStreams(root)` (its
 * input, see src/parallel/tsWorker.ts) into each buffer it receives, in the
 * order received, and sends the buffer back (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { SeedStreams } from '../../core/streams.ts';
import { workerInput } from '../../parallel/tsWorker.ts';

const { root, stream } = workerInput<{ root: number | string; stream: string }>();
const rng = new SeedStreams(root).stream(stream);
parentPort!.on('message', (buf: Float32Array) => {
  rng.fillNormal(buf);
  parentPort!.postMessage(buf, [buf.buffer as ArrayBuffer]);
});

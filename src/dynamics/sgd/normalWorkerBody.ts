/**
 * Body of the sampler worker: draws standard normals from stream
 * `workerData.stream` of `new SeedStreams(workerData.root)` into each buffer
 * it receives, in the order received, and sends the buffer back (transferred,
 * not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SeedStreams } from '../../core/streams.ts';

const { root, stream } = workerData as { root: number | string; stream: string };
const rng = new SeedStreams(root).stream(stream);
parentPort!.on('message', (buf: Float32Array) => {
  rng.fillNormal(buf);
  parentPort!.postMessage(buf, [buf.buffer as ArrayBuffer]);
});

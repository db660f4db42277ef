/** Worker: samples the process's RSS every intervalMs and, when told to stop, posts the largest value seen. */
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort!;
const { intervalMs } = workerData as { intervalMs: number };
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
sample();
const timer = setInterval(sample, intervalMs);
port.once('message', () => {
  clearInterval(timer);
  sample();
  port.postMessage(peak);
});
port.postMessage('ready');

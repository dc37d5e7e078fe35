/**
 * Hang detection for an in-process broker: when the broker and the fuzzer share one event loop, a
 * broker stuck in a loop would stop the fuzzer too, so a worker thread watches a heartbeat the
 * main thread ticks. If it stops for `hangMs`, the worker prints the seed and the requests in
 * flight on every connection, then kills the process (exit by SIGKILL: non-zero).
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beat = new Int32Array(workerData.shared);
const inflight = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'case') inflight.set(m.worker, m);
  else if (m.type === 'stop') process.exit(0);
});
let last = Atomics.load(beat, 0);
let lastChange = Date.now();
setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) { last = now; lastChange = Date.now(); return; }
  const stuck = Date.now() - lastChange;
  if (stuck < workerData.hangMs) return;
  let text = '\\nFUZZ VIOLATION hang: the event loop (broker and fuzzer) has been blocked for ' + stuck + ' ms\\n';
  text += 'seed ' + workerData.seed + '; requests in flight:\\n';
  for (const m of inflight.values()) text += '  connection ' + m.worker + ', iteration ' + m.iteration + ': ' + m.description + '\\n    hex ' + m.hex + '\\n';
  text += 'reproduce: npx tsx broker-core/test/fuzz/fuzz-broker.ts --seed ' + workerData.seed + ' --replay <iteration>\\n';
  writeSync(2, text);
  process.kill(process.pid, 'SIGKILL');
}, 200);
`;

export class HangWatchdog {
  private readonly worker: Worker;
  private readonly beat: Int32Array;
  private readonly timer: NodeJS.Timeout;

  constructor(seed: number, hangMs: number) {
    const shared = new SharedArrayBuffer(4);
    this.beat = new Int32Array(shared);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, hangMs, seed } });
    this.worker.unref();
    this.timer = setInterval(() => Atomics.add(this.beat, 0, 1), 50);
    this.timer.unref();
  }

  inFlight(worker: number, iteration: number, description: string, bytes: Buffer): void {
    this.worker.postMessage({ type: 'case', worker, iteration, description, hex: bytes.subarray(0, 4096).toString('hex') });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.worker.postMessage({ type: 'stop' });
    await this.worker.terminate();
  }
}

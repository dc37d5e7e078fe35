/**
 * Starts the search worker (search-worker.ts) and talks to it: from the TypeScript sources (tests)
 * a small loader registers tsx in the worker and imports the .ts file; from a build, the bundle
 * dist/workers/search-worker.js next to the bundle this code is in (dist/main, dist/serve); inside
 * a packaged app it is the unpacked copy (workers do not load from an asar archive).
 *
 * The worker's heap is bounded (`maxHeapMb`): a predicate that allocates without bound ends the
 * worker, not the app, and `exited` says so.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchChunk, SearchInit, WorkerReply } from './search-worker';

export const DEFAULT_WORKER_HEAP_MB = 256;

/** The worker's entry: the bundle beside this one, or (from the sources) a loader that registers tsx and imports the .ts. */
function workerEntry(): string | URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // tsx's ESM entry (require.resolve finds its CommonJS twin; the .mjs sits beside it).
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const source = new URL('./search-worker.ts', import.meta.url).href;
    const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source)});`;
    return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  }
  const bundled = fileURLToPath(new URL('../workers/search-worker.js', import.meta.url));
  const unpacked = bundled.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return existsSync(unpacked) ? unpacked : bundled;
}

export interface SearchWorkerHandle {
  /** Resolves once the filters are compiled, or rejects with why they are not usable. */
  init(message: Omit<SearchInit, 'type'>): Promise<void>;
  /** Sends a chunk (its bytes are moved to the worker); the reply comes through `onResult`. */
  send(chunk: Omit<SearchChunk, 'type'>): void;
  onResult(listener: (result: Extract<WorkerReply, { type: 'result' }>) => void): void;
  /** Called once if the worker ends on its own (out of memory, a crash): why, in words. */
  onExit(listener: (reason: string) => void): void;
  terminate(): Promise<void>;
}

/** `entry`: the worker's file, where not the default (the benchmark runs the sources but the bundled worker). */
export function startSearchWorker(maxHeapMb = DEFAULT_WORKER_HEAP_MB, entry: string | URL = workerEntry()): SearchWorkerHandle {
  const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32 }, stdout: false, stderr: false });
  let terminated = false;
  let pendingInit: { resolve: () => void; reject: (error: Error) => void } | null = null;
  const resultListeners: Array<(result: Extract<WorkerReply, { type: 'result' }>) => void> = [];
  const exitListeners: Array<(reason: string) => void> = [];
  let exitReason: string | null = null;
  const ended = (reason: string) => {
    if (terminated || exitReason !== null) return;
    exitReason = reason;
    pendingInit?.reject(new Error(reason));
    pendingInit = null;
    for (const listener of exitListeners) listener(reason);
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'ready') pendingInit?.resolve();
    else if (reply.type === 'failed') pendingInit?.reject(new Error(reply.message));
    else for (const listener of resultListeners) listener(reply);
    if (reply.type !== 'result') pendingInit = null;
  });
  worker.on('error', (error: Error & { code?: string }) => {
    ended(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the search ran out of memory (its limit is ${maxHeapMb} MB): a predicate that keeps what it allocates?` : `the search worker failed: ${error.message}`);
  });
  worker.on('exit', (code) => ended(`the search worker stopped (exit code ${code})`));
  return {
    init(message) {
      return new Promise((resolve, reject) => {
        if (exitReason !== null) return reject(new Error(exitReason));
        pendingInit = { resolve, reject };
        worker.postMessage({ type: 'init', ...message } satisfies SearchInit);
      });
    },
    send(chunk) {
      const own = chunk.bytes.byteOffset === 0 && chunk.bytes.byteLength === chunk.bytes.buffer.byteLength && chunk.bytes.buffer instanceof ArrayBuffer;
      const bytes = own ? chunk.bytes : new Uint8Array(chunk.bytes);
      worker.postMessage({ type: 'chunk', ...chunk, bytes } satisfies SearchChunk, [bytes.buffer as ArrayBuffer]);
    },
    onResult: (listener) => void resultListeners.push(listener),
    onExit: (listener) => void exitListeners.push(listener),
    async terminate() {
      terminated = true;
      await worker.terminate();
    },
  };
}

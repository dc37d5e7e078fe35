/**
 * Reading a headless broker process (`npm run broker`) from a test: what it printed, and the port
 * once it prints `listening on 127.0.0.1:<port>`.
 */
import type { ChildProcess } from 'node:child_process';

/** `child` is the broker, or a shell running it (`label` names it in the error if it exits first). */
export function watchListening(child: ChildProcess, label: string): { output: () => string; listening: Promise<number> } {
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code} before the broker listened:\n${output}`)));
  });
  return { output: () => output, listening };
}

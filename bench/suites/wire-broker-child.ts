/**
 * Our broker in a process of its own for the `wire` suite, so the load generator never shares an
 * event loop with it: `node --import tsx wire-broker-child.ts <dataDir> [configJson]`.
 *
 * Prints one line `{"port":N}` on stdout once it listens on 127.0.0.1, logs warnings and errors
 * on stderr, and stops cleanly when its stdin closes or on SIGTERM. Commands on stdin, one a line,
 * each answered by one JSON line on stdout: `profile-start` starts V8's CPU profiler (answers
 * `{"profiling":true}`), `profile-stop <file>` stops it and writes the .cpuprofile there
 * (answers `{"profiled":"<file>"}`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { startBroker } from '../../broker-core/src/index';

function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function command(session: Session, line: string): Promise<void> {
  const [name, ...rest] = line.trim().split(' ');
  if (name === 'profile-start') {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    answer({ profiling: true });
  } else if (name === 'profile-stop') {
    const file = rest.join(' ');
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    answer({ profiled: file });
  } else if (name !== '') {
    answer({ error: `unknown command ${name}` });
  }
}

async function main(): Promise<void> {
  const [dataDir, configJson] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: wire-broker-child.ts <dataDir> [configJson]');
  const config = configJson ? (JSON.parse(configJson) as Record<string, string>) : {};
  const broker = await startBroker({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    config,
    logger: { info() {}, warn: (message) => console.error(`WARN ${message}`), error: (message) => console.error(`ERROR ${message}`) },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    broker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`ERROR stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  const session = new Session();
  session.connect();
  let commands = Promise.resolve();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    commands = commands.then(() => command(session, line)).catch((error: unknown) => answer({ error: String(error) }));
  });
  lines.on('close', stop);
  process.once('SIGTERM', stop);
  answer({ port: broker.port });
}

main().catch((error: unknown) => {
  console.error(`ERROR ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});

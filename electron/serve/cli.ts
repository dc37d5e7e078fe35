/**
 * `npm run serve`: the Eddy broker plus its console in your browser.
 *
 * Prints the broker's state and `Open http://127.0.0.1:<port>/?token=…` once ready; stops cleanly
 * on SIGINT or SIGTERM (a second signal exits at once). Unknown or invalid options: usage on
 * stderr, exit code 2. A console port that cannot be bound: the reason on stderr, exit code 1.
 * A broker that cannot start is not fatal: the console opens and shows why.
 */
import { join } from 'node:path';
import { BROKER_VERSION, SETTINGS_FILE_NAME, userAppDataDir, whenLauncherExits, type HostLogger } from '../host';
import { parseServeArgs, serveUsage, UsageError } from './serve-args';
import { startServe } from './start-serve';

const stamp = () => new Date().toISOString();
const logger: HostLogger = {
  info: (message) => console.log(`${stamp()} INFO ${message}`),
  warn: (message) => console.warn(`${stamp()} WARN ${message}`),
  error: (message) => console.error(`${stamp()} ERROR ${message}`),
};

/**
 * Resolves with what stops the app: the first SIGINT/SIGTERM (a second one exits at once), or the
 * npm process that started it exiting (launcher-watch.ts). `process.on`, not `once`: under tsx's
 * loader a `once` listener does not stop the default exit.
 */
function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) process.exit(130);
      received = true;
      resolve(`received ${signal}`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    whenLauncherExits(() => resolve('the npm process that started it exited'));
  });
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${serveUsage}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(serveUsage);
    return 0;
  }

  // Listen before starting, so a signal during start-up (or right after "Open …") still stops cleanly.
  const stopped = waitForStop();
  let serve;
  try {
    serve = await startServe({ ...args, settingsFile: join(userAppDataDir(), SETTINGS_FILE_NAME), connectionsDir: userAppDataDir(), logger });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }

  const status = serve.host.status();
  console.log(`Eddy ${BROKER_VERSION}, serve mode`);
  if (status.state === 'running') {
    console.log(`Broker: running on ${status.address} (data in ${status.dataDir})`);
  } else {
    console.log(`Broker: ${status.state}: ${status.error?.message ?? 'no details'}`);
    if (status.error) console.log(`  ${status.error.hint}`);
  }
  if (args.cluster) {
    const { current } = await serve.host.handlers['clusters.list']({});
    console.log(
      current.state === 'connected'
        ? `Cluster: ${args.cluster.name} (${args.cluster.bootstrap}) is open in every view; the local broker is one click away (Connections)`
        : `Cluster: ${args.cluster.name} (${args.cluster.bootstrap}) could not be opened: ${current.problem ?? current.state}`,
    );
  }
  console.log(`Open ${serve.url}`);

  logger.info(`${await stopped}, stopping`);
  await serve.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.error(`serve failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);

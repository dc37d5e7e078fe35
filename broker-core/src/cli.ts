/**
 * The headless broker: `npm run broker -- --port <port> --data-dir <dir> [--config name=value]…`.
 * Prints `listening on <host>:<port>` (every listener, when the `listeners` config sets several;
 * `--sasl-users-file` gives the users of SASL listeners) once it accepts connections and stops cleanly on SIGINT or
 * SIGTERM, or when the npm process that started it exits (launcher-watch.ts). Bad options or
 * configs: usage text on stderr, exit code 2. Cannot start (port in use, unusable data dir): the
 * reason and what to do on stderr, exit code 1.
 */
import { BrokerStartError } from './broker-api';
import { brokerUsage, parseBrokerArgs, UsageError } from './cli-args';
import { defaultDataDir } from './default-data-dir';
import { whenLauncherExits } from './launcher-watch';
import { startBroker } from './start-broker';

const stamp = () => new Date().toISOString();
const logger = {
  info: (message: string) => console.log(`${stamp()} INFO ${message}`),
  warn: (message: string) => console.warn(`${stamp()} WARN ${message}`),
  error: (message: string) => console.error(`${stamp()} ERROR ${message}`),
};

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseBrokerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${brokerUsage}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(brokerUsage);
    return 0;
  }
  let broker;
  try {
    broker = await startBroker({ port: options.port, host: options.host, dataDir: options.dataDir ?? defaultDataDir(), config: options.config, logger });
  } catch (error) {
    if (!(error instanceof BrokerStartError)) throw error;
    if (error.code === 'INVALID_CONFIG') {
      process.stderr.write(`error: ${error.message}\n\n${brokerUsage}`);
      return 2;
    }
    process.stderr.write(`error: ${error.message}\n${error.hint}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (reason: string) => {
      logger.info(`${reason}, stopping`);
      resolve();
    };
    process.once('SIGINT', () => shutdown('received SIGINT'));
    process.once('SIGTERM', () => shutdown('received SIGTERM'));
    const launcher = whenLauncherExits(() => shutdown('the npm process that started it exited'));
    logger.info(launcher === null ? 'not started by an npm script: keeps running when its launcher exits (stop it with Ctrl-C or SIGTERM)' : `started by npm (pid ${launcher}): stops when it exits`);
  });
  await broker.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.error(`broker failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);

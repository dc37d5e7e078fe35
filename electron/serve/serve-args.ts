/**
 * Command-line options of `npm run serve` (electron/serve/cli.ts). Pure: parses, validates and
 * returns options or throws a UsageError whose message says which option is wrong and why.
 */
import { parseArgs } from 'node:util';
import { parseClusterFlag } from '../host';
import type { ServeOptions } from './start-serve';

export const serveUsage = `Usage: npm run serve -- [options]

Runs the Eddy broker and serves its console to your browser on 127.0.0.1.

Options:
  --port <n>             broker port (default 9092; 0 = any free port)
  --data-dir <path>      broker data directory (default: the per-user app data folder)
  --ui-port <n>          console port (default 9080, or a free port if 9080 is busy; 0 = any free port)
  --config <name=value>  broker config by Kafka name, e.g. num.partitions=3 (repeatable)
  --cluster <name=host:port>
                         add (or update) a connection to that Kafka cluster (PLAINTEXT) and open it
  -h, --help             show this help
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type ServeArgs = { help: true } | ({ help: false } & Required<Pick<ServeOptions, 'config'>> & Omit<ServeOptions, 'config'>);

function parsePort(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--${option} must be a port number from 0 to 65535, not "${value}"`);
  }
  return Number(value);
}

function parseConfig(entries: string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const name = equals > 0 ? entry.slice(0, equals).trim() : '';
    if (!name) throw new UsageError(`--config must be name=value (e.g. num.partitions=3), not "${entry}"`);
    config[name] = entry.slice(equals + 1);
  }
  return config;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'ui-port': { type: 'string' },
        config: { type: 'string', multiple: true },
        cluster: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  let cluster;
  try {
    cluster = values.cluster === undefined ? undefined : parseClusterFlag(values.cluster);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    help: false,
    ...(cluster ? { cluster } : {}),
    brokerPort: parsePort('port', values.port),
    uiPort: parsePort('ui-port', values['ui-port']),
    dataDir,
    config: parseConfig(values.config ?? []),
  };
}

/**
 * Command-line options of the headless broker (`npm run broker -- …`), parsed strictly: an
 * unknown option, a missing value or a malformed one is a `UsageError` (exit code 2).
 */

export const brokerUsage = `Usage: npm run broker -- [options]

Runs Eddy's Kafka-compatible broker in the foreground until SIGINT or SIGTERM.

Options:
  --port <number>          TCP port (default 9092; 0 picks a free one)
  --host <address>         interface to bind (default: loopback, IPv4 and IPv6)
  --data-dir <path>        where data lives (default: the per-user app data folder)
  --config <name>=<value>  a broker config by its Kafka name, e.g. num.partitions=3 (repeatable);
                           listeners with TLS and SASL: listeners=PLAINTEXT://:9092,SASL_SSL://:9093,
                           ssl.keystore.location=server.pem, sasl.users=alice:secret (README:
                           "Security: TLS and SASL listeners")
  --sasl-users-file <path> SASL users, one user:password a line (the config sasl.users.file)
  --help                   show this text
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface BrokerCliOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  config: Record<string, string>;
  help: boolean;
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}

/** Splits `name=value`; the name must look like a config name. */
export function parseConfigAssignment(value: string): [string, string] {
  const separator = value.indexOf('=');
  if (separator <= 0) throw new UsageError(`--config expects <name>=<value>, got "${value}"`);
  return [value.slice(0, separator).trim(), value.slice(separator + 1)];
}

export function parseBrokerArgs(argv: readonly string[]): BrokerCliOptions {
  const options: BrokerCliOptions = { config: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return value;
    };
    switch (name) {
      case '--port':
        options.port = parsePort(takeValue());
        break;
      case '--host':
        options.host = takeValue();
        break;
      case '--data-dir':
        options.dataDir = takeValue();
        break;
      case '--sasl-users-file':
        options.config['sasl.users.file'] = takeValue();
        break;
      case '--config': {
        const [key, value] = parseConfigAssignment(takeValue());
        options.config[key] = value;
        break;
      }
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return options;
}

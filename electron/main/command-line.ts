/**
 * The desktop app's own command-line options, read from `process.argv` (Electron and Chromium
 * switches are left alone): `--data-dir <path>` and `--port <n>` for the embedded broker, and
 * `--cluster NAME=HOST:PORT` to add and open a connection to that Kafka cluster.
 * Pure, so it is unit-tested without Electron.
 */
import { parseClusterFlag, type ClusterFlag } from '../host';

export interface MainArgs {
  /** Broker data directory; null = the one in Settings, else `<userData>/data`. A flag wins over Settings. */
  dataDir: string | null;
  /** Broker port; null = the one in Settings, else the broker's default (9092). A flag wins over Settings. */
  brokerPort: number | null;
  /** `--cluster NAME=HOST:PORT`, or null. */
  cluster: ClusterFlag | null;
  /** Why `--cluster` was not understood, or null. */
  clusterProblem: string | null;
}

function optionValue(argv: readonly string[], name: string): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === name && i + 1 < argv.length) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return null;
}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const dataDir = optionValue(argv, '--data-dir');
  const port = optionValue(argv, '--port');
  const brokerPort = port !== null && /^\d{1,5}$/.test(port) && Number(port) <= 65535 ? Number(port) : null;
  const clusterValue = optionValue(argv, '--cluster');
  let cluster: ClusterFlag | null = null;
  let clusterProblem: string | null = null;
  if (clusterValue !== null) {
    try {
      cluster = parseClusterFlag(clusterValue);
    } catch (error) {
      clusterProblem = (error as Error).message;
    }
  }
  return { dataDir: dataDir && dataDir.trim() ? dataDir : null, brokerPort, cluster, clusterProblem };
}

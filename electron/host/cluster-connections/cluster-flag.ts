/**
 * `--cluster NAME=HOST:PORT` (`npm start` and `npm run serve`): a PLAINTEXT connection to add (or
 * update, by name) and open, for scripts and for "open the console on my local Docker Kafka".
 * Several bootstrap servers are separated by commas: `--cluster dev=kafka-1:9092,kafka-2:9092`.
 */
import { parseHostPort } from '../cluster/remote/remote-connection';

export interface ClusterFlag {
  name: string;
  /** Comma-separated host:port list, as given. */
  bootstrap: string;
}

/** Parses the flag's value; throws in words naming what is wrong. */
export function parseClusterFlag(value: string): ClusterFlag {
  const equals = value.indexOf('=');
  const name = equals > 0 ? value.slice(0, equals).trim() : '';
  const bootstrap = equals > 0 ? value.slice(equals + 1).trim() : '';
  if (!name || !bootstrap) throw new Error(`--cluster must be NAME=HOST:PORT (e.g. --cluster docker=localhost:29092), not "${value}"`);
  if (name.length > 100) throw new Error(`--cluster's name has at most 100 characters (this one has ${name.length})`);
  const servers = bootstrap.split(',').map((server) => server.trim());
  for (const server of servers) {
    try {
      parseHostPort(server);
    } catch (error) {
      throw new Error(`--cluster ${name}=…: ${(error as Error).message}`, { cause: error });
    }
  }
  return { name, bootstrap: servers.join(',') };
}

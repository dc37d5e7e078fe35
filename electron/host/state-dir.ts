/**
 * Where the console keeps its own state (produce templates, …) when the host is not told: beside
 * the broker's data dir, never inside it (the data dir is Kafka's layout, which Kafka's tools
 * read). For the default data dir (`…/Eddy/data`) that is `…/Eddy/state`, in the per-user app
 * data folder; for another data dir, `<data dir>-state`.
 */
import { basename, dirname, join } from 'node:path';

export function defaultStateDir(dataDir: string): string {
  return basename(dataDir) === 'data' ? join(dirname(dataDir), 'state') : `${dataDir}-state`;
}

/**
 * `startServe(options)`: the host served to a browser. Starts the embedded broker and an HTTP
 * server on 127.0.0.1 that serves the built renderer, the contract over a WebSocket guarded by
 * a per-run token and an Origin check, and finished message exports for download (same token). Used by `cli.ts` (`npm run serve`) and the e2e fixtures.
 *
 * Resolves once the broker has either started or failed (a failed broker is reported in its
 * status, and the console still opens to show why). Rejects only when the UI port cannot be bound.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { rendererContentSecurityPolicy } from '../contract';
import { createDispatcher, createHost, defaultDataDir, temporaryExportDestinations, type ClusterFlag, type Host, type HostLogger } from '../host';
import { createAccessToken } from './access-token';
import { createContractSocket } from './contract-socket';
import { exportDownloadUrl, serveExportDownload } from './export-download';
import { loopbackOrigin, SERVE_BIND_ADDRESS } from './loopback-origin';
import { createStaticRenderer, securityHeaders } from './static-renderer';

/** Used when no UI port is given; a busy 9080 falls back to a free port. */
export const DEFAULT_UI_PORT = 9080;

export interface ServeOptions {
  /** Broker TCP port; default 9092; 0 picks a free one. */
  brokerPort?: number;
  /** Broker data directory; default: the per-user app data folder. */
  dataDir?: string;
  /** Broker configs by Kafka name. */
  config?: Record<string, string>;
  /** `--cluster NAME=HOST:PORT`: a connection to add and open once started. */
  cluster?: ClusterFlag;
  /** Where remote connections are kept (`npm run serve`: the per-user folder); absent: for this run only. */
  connectionsDir?: string;
  /** The user's settings file (`npm run serve`: `<per-user folder>/settings.json`); absent: settings last for this run only. */
  settingsFile?: string;
  /** Where the console keeps its own state; default: beside the data dir (the host's state-dir.ts). */
  stateDir?: string;
  /** HTTP port of the console; 0 picks a free one; default 9080, or a free port if that is busy. */
  uiPort?: number;
  /** The built renderer; default `dist/renderer` of this checkout (or beside the serve bundle). */
  rendererDir?: string;
  logger?: HostLogger;
}

export interface ServeHandle {
  /** `http://127.0.0.1:<port>/?token=<token>`: what the user opens. */
  url: string;
  uiPort: number;
  token: string;
  host: Host;
  /** Closes the console's sockets and server, then stops the broker. Idempotent. */
  stop(): Promise<void>;
}

/** `dist/renderer` seen from the bundle (`dist/serve/cli.js`) or from this source file. */
export function defaultRendererDir(): string {
  const candidates = [join(import.meta.dirname, '../renderer'), join(import.meta.dirname, '../../dist/renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[1];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, SERVE_BIND_ADDRESS, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

async function listenWithFallback(server: Server, uiPort: number | undefined): Promise<number> {
  if (uiPort !== undefined) return listen(server, uiPort);
  try {
    return await listen(server, DEFAULT_UI_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return listen(server, 0);
  }
}

export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const token = createAccessToken();
  const host = createHost({
    // The command line's values win over the user's settings, which win over these defaults.
    dataDir: defaultDataDir(),
    flags: { port: options.brokerPort, dataDir: options.dataDir, config: options.config },
    settingsFile: options.settingsFile,
    connectionsDir: options.connectionsDir,
    stateDir: options.stateDir,
    logger: options.logger,
    // Exports are files of this run, downloaded by the browser through the token-guarded route.
    exportDestinations: temporaryExportDestinations(undefined, (exportId, fileName) => exportDownloadUrl(token, exportId, fileName)),
  });
  const dispatcher = createDispatcher(host.handlers, {
    onHandlerError: (method, error) => options.logger?.error(`${method} failed in the host: ${String(error)}`),
  });

  // Requests are routed only once the port (and so the allowed origin) is known.
  let route: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
  const server = createServer((request, response) => {
    if (route) route(request, response);
    else response.writeHead(503).end();
  });
  let uiPort: number;
  try {
    uiPort = await listenWithFallback(server, options.uiPort);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'is already in use' : `cannot be bound (${String(error)})`;
    throw new Error(`the console's port ${options.uiPort ?? DEFAULT_UI_PORT} on ${SERVE_BIND_ADDRESS} ${reason}; pick another with --ui-port <n> (0 = any free port)`, {
      cause: error,
    });
  }

  const origin = loopbackOrigin(uiPort);
  const csp = rendererContentSecurityPolicy({ connectSources: origin.webSocketOrigins });
  const renderer = createStaticRenderer({ rendererDir: options.rendererDir ?? defaultRendererDir(), contentSecurityPolicy: csp });
  const socket = createContractSocket({ dispatcher, token, origin });
  route = (request, response) => {
    if (!origin.isAllowedHost(request.headers.host)) {
      response.writeHead(403, { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('forbidden host\n');
      return;
    }
    if (serveExportDownload(request, response, token, (exportId) => host.exportFile(exportId), securityHeaders(csp))) return;
    renderer(request, response);
  };
  server.on('upgrade', (request, upgradeSocket, head) => socket.handleUpgrade(request, upgradeSocket, head));
  const unsubscribe = host.onEvent((event) => socket.broadcast(event));

  await host.start();
  if (options.cluster) {
    const opened = await host.openCluster(options.cluster.name, options.cluster.bootstrap);
    if (opened.state === 'failed') options.logger?.error(`could not open the connection "${options.cluster.name}": ${opened.problem ?? 'no details'}`);
  }

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      unsubscribe();
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.stop();
    })();
    return stopping;
  };

  return { url: `${origin.origin}/?token=${token}`, uiPort, token, host, stop };
}

/**
 * Which `Host` and `Origin` headers the serve mode accepts: only its own loopback origin, by IP or
 * by the name `localhost`. A page on any other origin (or a DNS-rebinding name that resolves to
 * 127.0.0.1) is refused, so no web page can drive the broker through the user's browser.
 */
export const SERVE_BIND_ADDRESS = '127.0.0.1';

export interface LoopbackOrigin {
  /** `http://127.0.0.1:<port>`, the origin the printed URL uses. */
  readonly origin: string;
  isAllowedHost(host: string | undefined): boolean;
  isAllowedOrigin(origin: string | undefined): boolean;
  /** `ws://…` origins for the page's CSP `connect-src`. */
  readonly webSocketOrigins: readonly string[];
}

export function loopbackOrigin(port: number): LoopbackOrigin {
  const hosts = [`${SERVE_BIND_ADDRESS}:${port}`, `localhost:${port}`];
  const origins = new Set(hosts.map((host) => `http://${host}`));
  return {
    origin: `http://${hosts[0]}`,
    isAllowedHost: (host) => host !== undefined && hosts.includes(host.toLowerCase()),
    isAllowedOrigin: (origin) => origin !== undefined && origins.has(origin.toLowerCase()),
    webSocketOrigins: hosts.map((host) => `ws://${host}`),
  };
}

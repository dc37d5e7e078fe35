/**
 * The renderer page's Content-Security-Policy, in one place for every way the page is delivered:
 * a `<meta>` tag in the built index.html (Electron loads it from file://), the Electron session's
 * response headers (dev server), and the serve mode's HTTP header.
 *
 * Scripts, styles and fonts only from the page's own origin, nothing inline, no eval, no plugins,
 * no framing, no forms; `connect-src` only adds the serve mode's own WebSocket origins.
 */
export interface CspOptions {
  /** Extra `connect-src` origins, e.g. the serve mode's `ws://127.0.0.1:<port>`. */
  connectSources?: readonly string[];
  /** `meta` leaves out `frame-ancestors`, which browsers ignore (with a warning) in a `<meta>` tag. */
  delivery?: 'header' | 'meta';
}

export function rendererContentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])].join(' ');
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ];
  if (options.delivery !== 'meta') directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

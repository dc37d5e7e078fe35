/**
 * Serves the built renderer (`dist/renderer`) read-only over HTTP: GET/HEAD only, paths confined
 * to the renderer folder, the page's CSP on every response, `no-referrer` so the token in the
 * page URL never leaks. Unknown paths get 404; a missing build gets a 503 that says how to build.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticRendererOptions {
  rendererDir: string;
  contentSecurityPolicy: string;
}

export function securityHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** The file a URL path names inside `root`, or null when it would escape it or is not a file. */
function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relativePath = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relativePath));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function createStaticRenderer(options: StaticRendererOptions) {
  const root = normalize(options.rendererDir);
  const headers = securityHeaders(options.contentSecurityPolicy);

  return (request: IncomingMessage, response: ServerResponse): void => {
    const send = (status: number, body: string) => {
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(405, 'method not allowed\n');
      return;
    }
    if (!existsSync(join(root, 'index.html'))) {
      send(503, `the console is not built: no ${join(root, 'index.html')}; run \`npm run build:renderer\`\n`);
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = resolveFile(root, pathname);
    if (file === null) {
      send(404, 'not found\n');
      return;
    }
    const isPage = file.endsWith('.html');
    response.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // Hashed asset names change with their content; the page itself must always be fresh.
      'Cache-Control': isPage ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  };
}

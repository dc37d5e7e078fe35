/**
 * Where the window's page comes from, and how to tell that a frame is showing it.
 *
 * Packaged (and by default): `dist/renderer/index.html` beside this bundle (`dist/main/index.js`),
 * loaded from file://. In development, `EDDY_RENDERER_URL` (a Vite dev server on loopback) may
 * replace it; a packaged app ignores that variable.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export function rendererLocation(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererLocation {
  const devUrl = env.EDDY_RENDERER_URL;
  if (!isPackaged && devUrl && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(devUrl)) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: join(import.meta.dirname, '../renderer/index.html') };
}

export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'file' ? pathToFileURL(location.path).href : location.url;
}

/** True when `frameUrl` is our page: the same file, or the same dev-server origin. */
export function isRendererUrl(location: RendererLocation, frameUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (location.kind === 'file') return url.protocol === 'file:' && fileURLToPath(url) === location.path;
  return url.origin === new URL(location.url).origin;
}

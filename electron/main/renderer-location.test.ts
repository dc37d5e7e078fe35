import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isRendererUrl, rendererLocation, rendererUrl } from './renderer-location';

describe('renderer location', () => {
  it('loads dist/renderer/index.html when packaged, whatever the environment says', () => {
    const location = rendererLocation(true, { EDDY_RENDERER_URL: 'http://localhost:5173/' });
    expect(location.kind).toBe('file');
    expect(rendererUrl(location)).toMatch(/^file:.*\/renderer\/index\.html$/);
  });

  it('uses a loopback dev server only when not packaged', () => {
    expect(rendererLocation(false, { EDDY_RENDERER_URL: 'http://localhost:5173/' })).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(rendererLocation(false, { EDDY_RENDERER_URL: 'http://evil.example/' }).kind).toBe('file');
  });

  it('trusts only frames that show our page', () => {
    const file = { kind: 'file', path: '/opt/eddy/dist/renderer/index.html' } as const;
    expect(isRendererUrl(file, `${pathToFileURL(file.path).href}#/broker`)).toBe(true);
    expect(isRendererUrl(file, pathToFileURL('/tmp/other.html').href)).toBe(false);
    expect(isRendererUrl(file, 'https://example.com/')).toBe(false);
    expect(isRendererUrl(file, 'not a url')).toBe(false);

    const dev = { kind: 'url', url: 'http://localhost:5173/' } as const;
    expect(isRendererUrl(dev, 'http://localhost:5173/index.html')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
  });
});

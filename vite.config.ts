/**
 * Vite config for the renderer only: root `renderer/`, built to `dist/renderer` with relative
 * asset URLs (base './') so the same build loads from file:// in Electron and over HTTP in serve
 * mode. The built index.html gets the renderer's CSP as a <meta> tag (only at build time: Vite's
 * dev server injects inline scripts that a strict CSP would block).
 *
 * The Node-side bundles (main, preload, serve, broker CLI) are built by scripts/build.mjs, not here.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { rendererContentSecurityPolicy } from './electron/contract/content-security-policy.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

function cspMetaTag(): Plugin {
  return {
    name: 'eddy-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: rendererContentSecurityPolicy({ delivery: 'meta' }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: `${repoRoot}renderer`,
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});

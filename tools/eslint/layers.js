/**
 * The project's layers (see shared/docs/architecture.md, "Layers and folders") and the arrows
 * between them. Every linted file must belong to exactly one layer; `layering-rule.js` enforces
 * both that and the allowed imports.
 *
 * `may`: the layers a file may import from (its own layer is always allowed).
 * `packages`: which bare imports are allowed: 'any', or a list of package names / prefixes
 * ('node:' covers Node's built-ins).
 * `forbiddenPackages`: bare imports refused even when `packages` is 'any'.
 */
export const layers = [
  { name: 'broker-core', paths: ['broker-core/'], may: [], packages: 'any', forbiddenPackages: ['electron', 'react', 'react-dom', 'zustand'] },
  { name: 'contract', paths: ['electron/contract/'], may: [], packages: ['zod'], forbiddenPackages: [] },
  { name: 'host', paths: ['electron/host/'], may: ['broker-core', 'contract'], packages: 'any', forbiddenPackages: ['electron', 'react', 'react-dom', 'zustand'] },
  { name: 'main', paths: ['electron/main/'], may: ['host', 'contract'], packages: ['electron', 'node:'], forbiddenPackages: [] },
  { name: 'preload', paths: ['electron/preload/'], may: ['contract'], packages: ['electron'], forbiddenPackages: [] },
  { name: 'serve', paths: ['electron/serve/'], may: ['host', 'contract'], packages: ['ws', 'node:'], forbiddenPackages: [] },
  { name: 'renderer', paths: ['renderer/'], may: ['contract'], packages: ['react', 'react-dom', 'zustand', 'zod', '@tanstack/', 'uplot'], forbiddenPackages: [] },
  // The shell tier: the built main and preload bundles under Node, with a stand-in for `electron` (never the real one).
  { name: 'shell-test', paths: ['electron/shell-test/'], may: ['main', 'preload', 'contract', 'host', 'broker-core'], packages: 'any', forbiddenPackages: ['electron'] },
  { name: 'e2e', paths: ['e2e/'], may: ['broker-core', 'contract', 'host', 'serve', 'renderer', 'shell-test'], packages: 'any', forbiddenPackages: [] },
  { name: 'tooling', paths: ['scripts/', 'tools/', 'vite.config.ts', 'playwright.config.ts', 'eslint.config.js', 'vitest.config.ts', 'bench/'], may: ['broker-core', 'contract', 'host', 'serve'], packages: 'any', forbiddenPackages: [] },
];

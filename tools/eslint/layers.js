/**
 * The project's layers (see shared/docs/architecture.md, "Layers and folders") and the arrows
 * between them. Every linted file must belong to exactly one layer; `layering-rule.js` enforces
 * both that and the allowed imports.
 *
 * `may`: the layers a file may import from (its own layer is always allowed).
 * `packages`: which bare imports are allowed: 'any', or a list of package names / prefixes
 * ('node:' covers Node's built-ins).
 * `forbiddenPackages`: bare imports refused even when `packages` is 'any'.
 * `entryPoints` (optional): per layer in `may`, the only files of it this layer may import (its
 * public entry points); an import of any other file of that layer is an error.
 * `testMay` (optional): layers that tests next to the code (`*.test.ts`) may import, any file of.
 *
 * A file belongs to the layer with the most specific path matching it, so a folder or file can be
 * its own layer inside another's folder (records/ inside broker-core/, the embedded host files
 * inside electron/host/).
 */
export const layers = [
  // Kafka's record batch format and its compression codecs: Kafka's, not the broker's, so both the
  // broker and the host (for any cluster, embedded or remote) build on it.
  { name: 'records', paths: ['broker-core/src/records/'], may: [], packages: ['node:', 'snappyjs', 'fzstd', '@hpcc-js/wasm-zstd', '@node-rs/crc32'], forbiddenPackages: [] },
  // Kafka's wire protocol: its primitives and the codecs generated from Kafka's message definitions,
  // every version of each. The broker reads requests with them; the host's remote cluster writes them.
  { name: 'protocol', paths: ['broker-core/src/protocol/'], may: [], packages: ['node:'], forbiddenPackages: [] },
  { name: 'broker-core', paths: ['broker-core/'], may: ['records', 'protocol'], packages: 'any', forbiddenPackages: ['electron', 'react', 'react-dom', 'zustand'] },
  { name: 'contract', paths: ['electron/contract/'], may: [], packages: ['zod'], forbiddenPackages: [] },
  // The host's services: they reach Kafka through the `Cluster` seam (electron/host/cluster/cluster.ts), never broker-core.
  {
    name: 'host',
    paths: ['electron/host/'],
    may: ['records', 'protocol', 'contract'],
    entryPoints: { records: ['broker-core/src/records/index.ts'], protocol: ['broker-core/src/protocol/index.ts'] },
    // Tests may run the embedded broker and reach into broker-core's and the codecs' files.
    testMay: ['broker-core', 'records', 'protocol', 'host-embedded'],
    packages: 'any',
    forbiddenPackages: ['electron', 'react', 'react-dom', 'zustand'],
  },
  // The part of the host that runs or wraps the embedded broker, through broker-core's public entry points only.
  {
    name: 'host-embedded',
    paths: [
      'electron/host/cluster/embedded/',
      'electron/host/broker-host.ts',
      'electron/host/broker-status.ts',
      'electron/host/free-port.ts',
      'electron/host/create-host.ts',
      'electron/host/cluster-services.ts',
      'electron/host/index.ts',
      // The embedded broker's settings: its start plan (port, address, data dir) and its configs, checked with broker-core's definitions.
      'electron/host/settings/',
      // Test support that starts real brokers.
      'electron/host/test/',
      'electron/host/tail/tail-test-host.ts',
    ],
    may: ['broker-core', 'records', 'protocol', 'contract', 'host'],
    entryPoints: { 'broker-core': ['broker-core/src/index.ts', 'broker-core/src/broker-api.ts'], records: ['broker-core/src/records/index.ts'], protocol: ['broker-core/src/protocol/index.ts'] },
    testMay: ['broker-core', 'records', 'protocol'],
    packages: 'any',
    forbiddenPackages: ['electron', 'react', 'react-dom', 'zustand'],
  },
  { name: 'main', paths: ['electron/main/'], may: ['host-embedded', 'host', 'contract'], packages: ['electron', 'node:'], forbiddenPackages: [] },
  { name: 'preload', paths: ['electron/preload/'], may: ['contract'], packages: ['electron'], forbiddenPackages: [] },
  { name: 'serve', paths: ['electron/serve/'], may: ['host-embedded', 'host', 'contract'], packages: ['ws', 'node:'], forbiddenPackages: [] },
  { name: 'renderer', paths: ['renderer/'], may: ['contract'], packages: ['react', 'react-dom', 'zustand', 'zod', '@tanstack/', 'uplot'], forbiddenPackages: [] },
  // The shell tier: the built main and preload bundles under Node, with a stand-in for `electron` (never the real one).
  { name: 'shell-test', paths: ['electron/shell-test/'], may: ['main', 'preload', 'contract', 'host-embedded', 'host', 'broker-core', 'records', 'protocol'], packages: 'any', forbiddenPackages: ['electron'] },
  { name: 'e2e', paths: ['e2e/'], may: ['broker-core', 'records', 'protocol', 'contract', 'host-embedded', 'host', 'serve', 'renderer', 'shell-test'], packages: 'any', forbiddenPackages: [] },
  { name: 'tooling', paths: ['scripts/', 'tools/', 'vite.config.ts', 'playwright.config.ts', 'eslint.config.js', 'vitest.config.ts', 'bench/'], may: ['broker-core', 'records', 'protocol', 'contract', 'host-embedded', 'host', 'serve'], packages: 'any', forbiddenPackages: [] },
];

/**
 * The contract between host and renderer. Runtime-neutral: imports only zod, so the renderer,
 * the preload, main, the host and serve mode can all import it.
 */
export * from './contract-error';
export * from './broker';
export * from './topics';
export * from './groups';
export * from './messages';
export * from './tail';
export * from './produce';
export * from './dlq';
export * from './settings';
export * from './clusters';
export * from './contract';
export * from './contract-client';
export * from './ipc-channels';
export * from './serve-wire';
export * from './content-security-policy';
export * from './view-shortcuts';

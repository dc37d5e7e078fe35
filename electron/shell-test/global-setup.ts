/**
 * Vitest global setup of the `shell` project: builds the app if dist/ is missing or stale and gives
 * the tests a private copy of it (`inject('builtAppDir')`), removed afterwards.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { prepareBuiltApp } from './built-app';

declare module 'vitest' {
  export interface ProvidedContext {
    builtAppDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const appDir = prepareBuiltApp();
  project.provide('builtAppDir', appDir);
  return () => rmSync(appDir, { recursive: true, force: true });
}

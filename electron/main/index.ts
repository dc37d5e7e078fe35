/** Electron main entry (bundled to dist/main/index.js). Everything else is in app-lifecycle.ts. */
import { runApp } from './app-lifecycle';

runApp();

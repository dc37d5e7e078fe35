/**
 * `node --import <this file> dist/main/index.js …`: puts the stand-in in place of `electron`
 * (electron-hooks.mjs) before the bundle loads. Needs Node >= 20.6 (`module.register`).
 */
import { register } from 'node:module';

register('./electron-hooks.mjs', import.meta.url);

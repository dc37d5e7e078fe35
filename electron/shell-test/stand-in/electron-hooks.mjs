/**
 * Module resolution hook for the shell tier: `electron` resolves to the stand-in
 * (electron-main.mjs); every other specifier resolves as Node resolves it. Registered by
 * register-electron.mjs (`node --import`), so it applies to the built main bundle, which imports
 * `electron` as its only non-built-in module.
 */
const standIn = new URL('./electron-main.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}

/**
 * The shape `window.api` must have, derived from the contract's method and event maps (not from
 * `createContractClient`, which the preload itself uses): one object per domain holding one
 * function per action (`broker.getStatus` → `api.broker.getStatus`), plus `on` for the events.
 * Used by the shell tier and by the Electron window spec (e2e/specs/electron-app.spec.ts).
 */
import { methodNames } from '../contract';

export type BridgeShape = Record<string, string[] | 'function'>;

export function expectedBridgeShape(): BridgeShape {
  const shape: Record<string, string[]> = {};
  for (const method of methodNames) {
    const [domain, action] = method.split(/\.(.*)/s);
    (shape[domain] ??= []).push(action);
  }
  return sortedShape({ ...shape, on: 'function' });
}

/**
 * The same description of an object: each key mapped to 'function', or to its own keys (sorted,
 * any that is not a function marked) when it is an object. Self-contained (no imports, no
 * closures), so its source can be evaluated in a page: `(${bridgeShapeOf})(window.api)`.
 */
export function bridgeShapeOf(api: unknown): BridgeShape {
  const shape: Record<string, string[] | 'function'> = {};
  for (const key of Object.keys(api as object).sort()) {
    const value = (api as Record<string, unknown>)[key];
    if (typeof value === 'function') shape[key] = 'function';
    else if (value !== null && typeof value === 'object') {
      shape[key] = Object.keys(value)
        .map((name) => (typeof (value as Record<string, unknown>)[name] === 'function' ? name : `${name} (not a function)`))
        .sort();
    } else shape[key] = [`(${typeof value})`];
  }
  return shape;
}

function sortedShape(shape: BridgeShape): BridgeShape {
  return Object.fromEntries(
    Object.keys(shape)
      .sort()
      .map((key) => {
        const value = shape[key];
        return [key, value === 'function' ? value : [...value].sort()];
      }),
  );
}

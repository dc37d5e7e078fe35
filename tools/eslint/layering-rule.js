/**
 * ESLint rule `layers/layering`: a file outside every layer is an error, and so is an import that
 * points the wrong way between layers, reaches past a layer's public entry points, or brings in a
 * package its layer may not use.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { builtinModules } from 'node:module';
import { layers } from './layers.js';

const builtins = new Set(builtinModules);

function toPosix(path) {
  return path.split(sep).join('/');
}

/** How long the most specific of `layer`'s paths matching `path` is; -1 when none does. */
function matchLength(layer, path) {
  return Math.max(-1, ...layer.paths.filter((prefix) => path === prefix || path.startsWith(prefix)).map((prefix) => prefix.length));
}

/** The layer of the most specific layer path matching any of `paths` (a file or folder inside another layer's folder belongs to its own layer). */
function mostSpecificLayer(paths) {
  let best = null;
  let bestLength = -1;
  for (const path of paths) {
    for (const layer of layers) {
      const length = matchLength(layer, path);
      if (length > bestLength) [best, bestLength] = [layer, length];
    }
  }
  return best;
}

export function layerOf(repoRelativePath) {
  return mostSpecificLayer([repoRelativePath]);
}

/**
 * The files an extensionless relative import may mean (`x`, `x.ts`, `x/index.ts`, …): those that
 * exist, or all of them when none does (code linted from text, as in the rule's tests).
 */
function targetFiles(repoRoot, target) {
  const candidates = [target, `${target}.ts`, `${target}.tsx`, `${target}.js`, `${target}/index.ts`, `${target}/index.tsx`, `${target}/index.js`];
  const existing = candidates.filter((candidate) => {
    try {
      return statSync(join(repoRoot, candidate)).isFile();
    } catch {
      return false;
    }
  });
  return existing.length > 0 ? existing : candidates;
}

function packageName(source) {
  if (source.startsWith('node:') || builtins.has(source.split('/')[0])) return 'node:';
  const parts = source.split('/');
  return source.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Tests next to the code may also use the test runner and Node's built-ins. */
const testPackages = ['vitest', 'node:'];

function packageAllowed(layer, name, isTest) {
  if (layer.forbiddenPackages.includes(name)) return false;
  if (isTest && testPackages.includes(name)) return true;
  if (layer.packages === 'any') return true;
  return layer.packages.some((allowed) => (allowed.endsWith('/') || allowed.endsWith(':') ? name.startsWith(allowed) || name === allowed : name === allowed));
}

export function createLayeringRule(repoRoot) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Keep imports pointing the way the architecture allows' },
      schema: [],
      messages: {
        noLayer: 'File "{{file}}" is in no layer: add its folder to tools/eslint/layers.js with the imports it may make.',
        wrongWay: '{{from}} may not import from {{to}} ("{{source}}"); allowed: {{allowed}}.',
        notEntryPoint: '{{from}} may import {{to}} only through its public entry points ({{entries}}), not "{{source}}".',
        badPackage: '{{from}} may not import the package "{{source}}".',
      },
    },
    create(context) {
      const file = toPosix(relative(repoRoot, context.filename));
      const layer = layerOf(file);
      const isTest = /\.test\.tsx?$/.test(file);
      const check = (node, source) => {
        if (!layer || typeof source !== 'string') return;
        if (source.startsWith('.') || source.startsWith('/')) {
          const target = toPosix(relative(repoRoot, resolve(dirname(context.filename), source)));
          const files = targetFiles(repoRoot, target);
          const to = mostSpecificLayer(files);
          if (!to || to === layer) return;
          // Tests next to the code may reach further into the layers in `testMay` than the code does.
          if (isTest && (layer.testMay ?? []).includes(to.name)) return;
          if (!layer.may.includes(to.name)) {
            context.report({ node, messageId: 'wrongWay', data: { from: layer.name, to: to.name, source, allowed: layer.may.join(', ') || 'nothing' } });
            return;
          }
          const entries = layer.entryPoints?.[to.name];
          if (entries && !files.some((candidate) => entries.includes(candidate))) {
            context.report({ node, messageId: 'notEntryPoint', data: { from: layer.name, to: to.name, source, entries: entries.join(', ') } });
          }
          return;
        }
        if (!packageAllowed(layer, packageName(source), isTest)) context.report({ node, messageId: 'badPackage', data: { from: layer.name, source } });
      };
      return {
        Program(node) {
          if (!layer) context.report({ node, messageId: 'noLayer', data: { file } });
        },
        ImportDeclaration: (node) => check(node.source, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
        ExportAllDeclaration: (node) => check(node.source, node.source.value),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      };
    },
  };
}

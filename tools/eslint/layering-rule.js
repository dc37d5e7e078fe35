/**
 * ESLint rule `layers/layering`: a file outside every layer is an error, and so is an import that
 * points the wrong way between layers or brings in a package its layer may not use.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { builtinModules } from 'node:module';
import { layers } from './layers.js';

const builtins = new Set(builtinModules);

function toPosix(path) {
  return path.split(sep).join('/');
}

export function layerOf(repoRelativePath) {
  return layers.find((layer) => layer.paths.some((prefix) => repoRelativePath === prefix || repoRelativePath.startsWith(prefix))) ?? null;
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
          const targetLayer = layerOf(target) ?? layerOf(`${target}/`);
          if (!targetLayer || targetLayer === layer) return;
          if (!layer.may.includes(targetLayer.name)) {
            context.report({ node, messageId: 'wrongWay', data: { from: layer.name, to: targetLayer.name, source, allowed: layer.may.join(', ') || 'nothing' } });
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

// `npm test`: every tier in order — lint, typecheck, unit, integration, e2e, package — each run
// to the end even when an earlier one failed, then one table and a closing line
// `N passed, M failed` summing every tier (lint and typecheck count as one check each).
// `npm test -- unit e2e` runs only the named tiers. Before any tier, the Debian packages the chosen
// tiers need are checked (test-all/debian-packages.mjs); unit-node24 and integration-node24 run
// the same tests on Node 24, Electron's Node (test-all/node24.mjs).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { ensureDebianPackages } from './test-all/debian-packages.mjs';
import { node24 } from './test-all/node24.mjs';

const resultsDir = join(process.cwd(), 'test-results');
mkdirSync(resultsDir, { recursive: true });

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** One line naming a failed test and the start of why, for the summary at the end of the log (CI shows its tail). */
function failureLine(name, message = '') {
  const firstLine = message.replace(ANSI_COLOUR, '').split('\n').find((line) => line.trim() !== '') ?? '';
  return `${name}: ${firstLine.trim().slice(0, 300)}`;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's `project`; on the machine's Node, or on `node` (its folder first on PATH, so the tests' child processes use it too). */
async function vitestTier(project, node = null) {
  const report = join(resultsDir, `vitest-${project}${node ? '-node24' : ''}.json`);
  rmSync(report, { force: true });
  const args = ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const { code, seconds } = node
    ? await run(node, [join('node_modules', 'vitest', 'vitest.mjs'), ...args], { PATH: `${dirname(node)}${delimiter}${process.env.PATH}` })
    : await run('npx', ['vitest', ...args]);
  const json = readJson(report);
  if (!json) return { passed: 0, failed: 1, skipped: 0, seconds, note: 'no report (vitest crashed?)' };
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  const failures = json.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'failed').map((test) => failureLine(`${relative(process.cwd(), file.name)} > ${test.fullName}`, test.failureMessages?.[0])),
  );
  if (code !== 0 && json.numFailedTests === 0) failures.push(`vitest exited with code ${code} though no test failed: an unhandled error or rejection (its report is above, under "Unhandled Errors")`);
  return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests, seconds, failures };
}

async function node24Tier(project) {
  const node = node24();
  if (node.error) {
    console.log(`${project}-node24: ${node.error}`);
    return { passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'no Node 24 (see above)' };
  }
  console.log(`${project} on Node ${node.version} (${node.binary})`);
  return vitestTier(project, node.binary);
}

async function checkTier(command, args) {
  const { code, seconds } = await run(command, args);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds };
}

async function e2eTier() {
  const report = join(resultsDir, 'playwright.json');
  rmSync(report, { force: true });
  const { code, seconds } = await run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  const json = readJson(report);
  const stats = json?.stats;
  if (!stats) return { passed: 0, failed: 1, skipped: 0, seconds, note: 'no report (playwright crashed?)' };
  const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  const failures = [];
  const visit = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(failureLine([...path, spec.title].join(' > '), error));
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const suite of json.suites ?? []) visit(suite, [suite.title]);
  return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped, seconds, failures };
}

async function packageTier() {
  const { code, output, seconds } = await run('node', ['scripts/package-check.mjs']);
  const match = /package: (\d+) passed, (\d+) failed/.exec(output);
  if (!match) return { passed: 0, failed: 1, skipped: 0, seconds, note: 'no summary line' };
  const failed = Number(match[2]) + (code !== 0 && Number(match[2]) === 0 ? 1 : 0);
  return { passed: Number(match[1]), failed, skipped: 0, seconds };
}

const tiers = {
  lint: () => checkTier('npx', ['eslint', '--max-warnings=0', '.']),
  typecheck: async () => {
    const node = await checkTier('npx', ['tsc', '-p', 'tsconfig.json']);
    const web = await checkTier('npx', ['tsc', '-p', 'renderer/tsconfig.json']);
    return { passed: node.passed + web.passed, failed: node.failed + web.failed, skipped: 0, seconds: node.seconds + web.seconds };
  },
  unit: () => vitestTier('unit'),
  integration: () => vitestTier('integration'),
  'unit-node24': () => node24Tier('unit'),
  'integration-node24': () => node24Tier('integration'),
  shell: () => vitestTier('shell'),
  e2e: e2eTier,
  package: packageTier,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in tiers));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(', ')}; tiers: ${Object.keys(tiers).join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length > 0 ? wanted : Object.keys(tiers);
ensureDebianPackages(chosen);
const results = [];
for (const name of chosen) {
  console.log(`\n=== ${name} ===`);
  results.push({ name, ...(await tiers[name]()) });
}

const failures = results.flatMap((r) => (r.failures ?? []).map((line) => `  ${r.name}: ${line}`));
if (failures.length > 0) console.log(`\nfailed tests:\n${failures.join('\n')}`);
console.log('\ntier                passed  failed  skipped  seconds');
for (const r of results) {
  console.log(`${r.name.padEnd(19)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}${r.note ? `  ${r.note}` : ''}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const skipped = results.reduce((sum, r) => sum + r.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);

// The Debian packages `npm test`'s tiers need, checked before any tier runs. Where some are
// missing, `npm test` installs them when it runs as root on a machine with apt-get (CI), and
// otherwise stops at once with the one command to run.
import { spawnSync } from 'node:child_process';

const clients = ['kcat', 'python3-kafka', 'python3-confluent-kafka'];

/** Tier name → the packages it needs. */
export const debianPackagesByTier = {
  // kcat (librdkafka), kafka-python, confluent-kafka-python and librdkafka's mock cluster.
  integration: clients,
  'integration-node24': clients,
  // Playwright drives Debian's Chromium; xvfb for the Electron spec where Electron's binary is installed.
  e2e: ['chromium', 'xvfb'],
  // 7za, which electron-builder's tar.gz target needs.
  package: ['p7zip-full'],
};

function installed(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function stop(line) {
  console.error(`npm test: ${line}`);
  process.exit(1);
}

/** Installs or asks for the packages the named tiers need; returns once they are all installed. */
export function ensureDebianPackages(tierNames) {
  const needed = [...new Set(tierNames.flatMap((tier) => debianPackagesByTier[tier] ?? []))];
  const missing = needed.filter((name) => !installed(name));
  if (missing.length === 0) return;
  const tiers = tierNames.filter((tier) => (debianPackagesByTier[tier] ?? []).some((name) => missing.includes(name)));
  const what = `the ${tiers.join(', ')} tier${tiers.length > 1 ? 's' : ''} need${tiers.length > 1 ? '' : 's'} Debian packages that are not installed (${missing.join(', ')})`;
  const install = ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing];
  if (!commandExists('apt-get') || !commandExists('dpkg-query')) stop(`${what}, and this machine has no apt-get: run the tests on Debian 12 or install their equivalents`);
  if (process.getuid?.() !== 0) stop(`${what}; run: sudo ${install.filter((arg) => arg !== '-q').join(' ')}`);

  console.log(`installing Debian packages for ${tiers.join(', ')}: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-q'], install]) {
    const result = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
    if (result.status !== 0) stop(`\`${args.join(' ')}\` failed (exit ${result.status ?? result.signal}): ${what}`);
  }
  const still = missing.filter((name) => !installed(name));
  if (still.length > 0) stop(`apt-get did not install ${still.join(', ')}`);
}

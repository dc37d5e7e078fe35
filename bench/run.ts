/**
 * `npm run bench -- <suite> [options]`: runs benchmark suites and prints one table each.
 *
 * Suites are registered by name below and loaded on demand; each is a module exporting
 * `run(options): Promise<string>` (its rendered table and notes). Add `wire` and `groups` here
 * when they exist. Options are `--name value` pairs passed to every suite as strings
 * (`--runs 5`, `--quick`, `--dir /path`); a suite documents the ones it reads.
 */
export type SuiteOptions = Record<string, string>;

export interface BenchSuite {
  description: string;
  run(options: SuiteOptions): Promise<string>;
}

const suites: Record<string, () => Promise<BenchSuite>> = {
  storage: async () => (await import('./suites/storage')).storageSuite,
  groups: async () => (await import('./suites/groups')).groupsSuite,
  wire: async () => (await import('./suites/wire')).wireSuite,
  messages: async () => (await import('./suites/messages')).messagesSuite,
  produce: async () => (await import('./suites/bulk-produce')).produceSuite,
  tail: async () => (await import('./suites/tail')).tailSuite,
  'tail-host': async () => (await import('./suites/tail-host')).tailHostSuite,
  dlq: async () => (await import('./suites/dlq')).dlqSuite,
};

function parseArguments(argv: readonly string[]): { names: string[]; options: SuiteOptions } {
  const names: string[] = [];
  const options: SuiteOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) options[argument.slice(2)] = 'true';
      else {
        options[argument.slice(2)] = next;
        i++;
      }
    } else {
      names.push(argument);
    }
  }
  return { names, options };
}

async function main(): Promise<void> {
  const { names, options } = parseArguments(process.argv.slice(2));
  const unknown = names.filter((name) => !(name in suites));
  if (names.length === 0 || unknown.length > 0) {
    if (unknown.length > 0) console.error(`unknown suite(s): ${unknown.join(', ')}`);
    console.error(`usage: npm run bench -- <suite…> [--option value…]; suites: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  for (const name of names) {
    const suite = await suites[name]();
    console.log(`\n${name}: ${suite.description}\n`);
    console.log(await suite.run(options));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

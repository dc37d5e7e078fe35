import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return result.messages.filter((message) => message.ruleId === 'layers/layering').map((message) => message.message);
}

describe('layers/layering (the real lint config)', () => {
  it.each([
    ['renderer/src/wrong.ts', "import { startBroker } from '../../broker-core/src/index';", 'renderer may not import from broker-core'],
    ['renderer/src/wrong.ts', "import { createHost } from '../../electron/host/broker-host';", 'renderer may not import from host'],
    ['electron/contract/wrong.ts', "import { createHost } from '../host/broker-host';", 'contract may not import from host'],
    ['electron/host/wrong.ts', "import { app } from 'electron';", 'host may not import the package "electron"'],
    ['broker-core/src/wrong.ts', "import { contract } from '../../electron/contract/index';", 'broker-core may not import from contract'],
    ['electron/preload/wrong.ts', "import { createHost } from '../host/broker-host';", 'preload may not import from host'],
    ['electron/main/wrong.ts', "import { startBroker } from '../../broker-core/src/index';", 'main may not import from broker-core'],
    ['renderer/src/wrong.ts', "import { readFileSync } from 'node:fs';", 'renderer may not import the package "node:fs"'],
    ['electron/contract/wrong.ts', "import { WebSocket } from 'ws';", 'contract may not import the package "ws"'],
    ['electron/host/messages/wrong.ts', "import { startBroker } from '../../../broker-core/src/index';", 'host may not import from broker-core'],
    ['electron/host/cluster/remote/wrong.ts', "import { readStoredRecords } from '../../../../broker-core/src/index';", 'host may not import from broker-core'],
    ['electron/host/messages/wrong.ts', "import { createHost } from '../create-host';", 'host may not import from host-embedded'],
    [
      'electron/host/cluster/embedded/wrong.ts',
      "import { LogManager } from '../../../../broker-core/src/storage/log-manager';",
      'host-embedded may import broker-core only through its public entry points (broker-core/src/index.ts, broker-core/src/broker-api.ts), not "../../../../broker-core/src/storage/log-manager"',
    ],
    [
      'electron/host/messages/wrong.ts',
      "import { buildRecordBatch } from '../../../broker-core/src/records/record-batch-builder';",
      'host may import records only through its public entry points (broker-core/src/records/index.ts)',
    ],
    ['broker-core/src/records/wrong.ts', "import { ErrorCode } from '../protocol/generated/errors';", 'records may not import from protocol'],
    ['electron/host/cluster/remote/wrong.ts', "import { MetadataApi } from '../../../../broker-core/src/protocol/generated/index';", 'host may import protocol only through its public entry points (broker-core/src/protocol/index.ts)'],
    ['broker-core/src/protocol/wrong.ts', "import { buildRecordBatch } from '../records/index';", 'protocol may not import from records'],
    ['broker-core/src/records/wrong.ts', "import { z } from 'zod';", 'records may not import the package "zod"'],
  ])('%s: %s is refused', async (file, code, expected) => {
    const messages = await layeringMessages(file, `${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['electron/host/cluster/embedded/right.ts', "import { startBroker } from '../../../../broker-core/src/index';"],
    ['electron/host/cluster/embedded/right.ts', "import { BrokerStartError } from '../../../../broker-core/src/broker-api';"],
    ['electron/host/create-host.ts', "import { startBroker } from '../../broker-core/src/index';"],
    ['electron/host/messages/right.ts', "import { readStoredRecords } from '../../../broker-core/src/records/index';"],
    ['electron/host/messages/right.ts', "import { readStoredRecords } from '../../../broker-core/src/records';"],
    ['electron/host/cluster/remote/right.ts', "import { MetadataApi } from '../../../../broker-core/src/protocol/index';"],
    ['electron/host/cluster/embedded/right.ts', "import { HostRefusal } from '../../host-refusal';"],
    ['broker-core/src/storage/right.ts', "import { COMPRESSION_NAMES } from '../records/record-batch-layout';"],
    ['broker-core/src/records/right.ts', "import { compress } from 'snappyjs';"],
    ['electron/host/messages/right.test.ts', "import { buildRecordBatch } from '../../../broker-core/src/records/record-batch-builder';"],
    ['electron/host/messages/right.test.ts', "import { createHost } from '../create-host';"],
    ['electron/host/topics/right.test.ts', "import { validateTopicName } from '../../../broker-core/src/storage/topic-name';"],
    ['renderer/src/right.ts', "import { contract } from '../../electron/contract/index';"],
    ['electron/main/right.ts', "import { app } from 'electron';"],
    ['electron/serve/right.ts', "import { createHost } from '../host/broker-host';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layeringMessages(file, `${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`)).toEqual([]);
  });

  it('a file in no layer is an error', async () => {
    expect(await layeringMessages('somewhere-new/file.ts', 'export const x = 1;\n')).toEqual([
      expect.stringContaining('File "somewhere-new/file.ts" is in no layer'),
    ]);
  });
});

describe('tests next to the code', () => {
  it('may import vitest and node built-ins in any layer', async () => {
    const code = "import { it } from 'vitest';\nimport { join } from 'node:path';\nexport const used = [it, join];\n";
    expect(await layeringMessages('electron/contract/x.test.ts', code)).toEqual([]);
  });

  it('but the code itself may not', async () => {
    const code = "import { join } from 'node:path';\nexport const used = [join];\n";
    expect(await layeringMessages('electron/contract/x.ts', code)).toEqual(['contract may not import the package "node:path".']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseMainArgs } from './command-line';

describe('parseMainArgs', () => {
  it('defaults to the userData folder and the default port', () => {
    expect(parseMainArgs(['/usr/bin/eddy'])).toEqual({ dataDir: null, brokerPort: null });
  });

  it('reads --data-dir and --port in both spellings, ignoring Chromium switches', () => {
    expect(parseMainArgs(['eddy', '--no-sandbox', '--data-dir', '/tmp/d', '--port=0'])).toEqual({ dataDir: '/tmp/d', brokerPort: 0 });
    expect(parseMainArgs(['eddy', '--data-dir=/tmp/e', '--port', '19092'])).toEqual({ dataDir: '/tmp/e', brokerPort: 19092 });
  });

  it('ignores an empty data dir and a port that is not one', () => {
    expect(parseMainArgs(['eddy', '--data-dir=', '--port', '99999'])).toEqual({ dataDir: null, brokerPort: null });
  });
});

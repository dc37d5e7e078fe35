import { describe, expect, it } from 'vitest';
import { parseServeArgs, UsageError } from './serve-args';

describe('parseServeArgs', () => {
  it('leaves every option to its default when none is given', () => {
    expect(parseServeArgs([])).toEqual({ help: false, brokerPort: undefined, uiPort: undefined, dataDir: undefined, config: {} });
  });

  it('reads ports, the data dir and repeated configs', () => {
    const args = parseServeArgs([
      '--port', '0',
      '--ui-port=9999',
      '--data-dir', '/tmp/eddy data',
      '--config', 'num.partitions=3',
      '--config', 'log.dirs=a=b',
    ]);
    expect(args).toEqual({
      help: false,
      brokerPort: 0,
      uiPort: 9999,
      dataDir: '/tmp/eddy data',
      config: { 'num.partitions': '3', 'log.dirs': 'a=b' },
    });
  });

  it('recognizes --help and -h', () => {
    expect(parseServeArgs(['--help'])).toEqual({ help: true });
    expect(parseServeArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--bogus'], /bogus/],
    [['positional'], /positional/],
    [['--port', '70000'], /--port must be a port number/],
    [['--port', '-1'], /--port/],
    [['--ui-port', 'abc'], /--ui-port must be a port number/],
    [['--config', 'novalue'], /--config must be name=value/],
    [['--config', '=x'], /--config must be name=value/],
    [['--data-dir', ''], /--data-dir/],
    [['--cluster', 'localhost:9092'], /--cluster must be NAME=HOST:PORT/],
    [['--cluster', 'dev=localhost'], /not host:port/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });

  it('reads --cluster NAME=HOST:PORT', () => {
    expect(parseServeArgs(['--cluster', 'docker=localhost:29092'])).toMatchObject({ help: false, cluster: { name: 'docker', bootstrap: 'localhost:29092' } });
    expect(parseServeArgs([])).not.toHaveProperty('cluster');
  });
});

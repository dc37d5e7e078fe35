import { describe, expect, it } from 'vitest';
import { parseMainArgs } from './command-line';

const none = { cluster: null, clusterProblem: null };

describe('parseMainArgs', () => {
  it('defaults to the userData folder and the default port', () => {
    expect(parseMainArgs(['/usr/bin/eddy'])).toEqual({ dataDir: null, brokerPort: null, ...none });
  });

  it('reads --data-dir and --port in both spellings, ignoring Chromium switches', () => {
    expect(parseMainArgs(['eddy', '--no-sandbox', '--data-dir', '/tmp/d', '--port=0'])).toEqual({ dataDir: '/tmp/d', brokerPort: 0, ...none });
    expect(parseMainArgs(['eddy', '--data-dir=/tmp/e', '--port', '19092'])).toEqual({ dataDir: '/tmp/e', brokerPort: 19092, ...none });
  });

  it('ignores an empty data dir and a port that is not one', () => {
    expect(parseMainArgs(['eddy', '--data-dir=', '--port', '99999'])).toEqual({ dataDir: null, brokerPort: null, ...none });
  });

  it('reads --cluster NAME=HOST:PORT, with several bootstrap servers', () => {
    expect(parseMainArgs(['eddy', '--cluster', 'docker=localhost:29092']).cluster).toEqual({ name: 'docker', bootstrap: 'localhost:29092' });
    expect(parseMainArgs(['eddy', '--cluster=prod=kafka-1:9092, kafka-2:9092']).cluster).toEqual({ name: 'prod', bootstrap: 'kafka-1:9092,kafka-2:9092' });
  });

  it('says what is wrong with a --cluster it cannot use', () => {
    expect(parseMainArgs(['eddy', '--cluster', 'localhost:9092'])).toMatchObject({ cluster: null, clusterProblem: expect.stringMatching(/NAME=HOST:PORT/) });
    expect(parseMainArgs(['eddy', '--cluster', 'dev=localhost'])).toMatchObject({ cluster: null, clusterProblem: expect.stringMatching(/not host:port/) });
    expect(parseMainArgs(['eddy', '--cluster', 'dev=localhost:70000']).clusterProblem).toMatch(/outside 1–65535/);
  });
});

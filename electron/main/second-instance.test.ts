import { describe, expect, it } from 'vitest';
import { describeSecondInstance, secondInstanceArgv, secondInstanceData, secondInstanceFlags, secondInstanceNotice } from './second-instance';

describe('second instance', () => {
  it('prefers the exact argv the second process sent over the event argv', () => {
    const sent = secondInstanceData(['/opt/Eddy/eddy', '--port', '9093']);
    expect(secondInstanceArgv(['/opt/Eddy/eddy', '--allow-file-access', '--port', '9093'], sent)).toEqual(['/opt/Eddy/eddy', '--port', '9093']);
    expect(secondInstanceArgv(['/opt/Eddy/eddy', '--port=1'], null)).toEqual(['/opt/Eddy/eddy', '--port=1']);
    expect(secondInstanceArgv(['a'], { argv: [1, 2] })).toEqual(['a']);
  });

  it("names the app's own flags it was given", () => {
    expect(secondInstanceFlags(['eddy', '--port', '9093', '--data-dir=/tmp/d', '--no-sandbox'])).toEqual(['--port 9093', '--data-dir /tmp/d']);
    expect(secondInstanceFlags(['eddy'])).toEqual([]);
  });

  it('says what happened, and that the flags are not applied to the running broker', () => {
    expect(describeSecondInstance(['eddy'])).toBe('a second launch of the app: the running window was brought to the front');
    expect(describeSecondInstance(['eddy', '--port', '9093'])).toMatch(/^a second launch of the app with --port 9093: .*keeps its settings/);
  });
});

describe('secondInstanceNotice', () => {
  it('tells the user which flags did not apply and what to do instead', () => {
    const notice = secondInstanceNotice(['/opt/Eddy/eddy', '--port', '9093']);
    expect(notice.message).toBe('Eddy is already running');
    expect(notice.detail).toBe(
      'It was launched again with --port 9093. The running broker keeps its port and data directory: change them in Settings (the broker restarts), or quit Eddy and launch it again with these flags.',
    );
  });
});

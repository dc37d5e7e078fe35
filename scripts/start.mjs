// `npm start`: builds the app, then opens the desktop window with Electron. Where Electron cannot
// run (its binary was not installed, or there is no display), says why in one line and runs the
// same app in serve mode, which prints the URL to open in a browser. Arguments after `--` go to
// the app (`npm start -- --port 9093 --data-dir ./data`).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
/** Whoever started us (npm's shell), as at start-up: it may be gone before the app is (see run). */
const launcherPid = process.ppid;
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    return { path: createRequire(import.meta.url)('electron') };
  } catch (error) {
    // Electron's launcher module throws when its binary is missing (the download failed at install).
    return { reason: `Electron's binary is not installed here (${error.message.includes('failed to install') ? 'its download failed during npm install' : error.message.split('\n')[0]})` };
  }
}

function run(command, commandArgs) {
  // The app gets each signal once, from here: in a process group of its own (POSIX), Ctrl+C in the
  // terminal reaches this script but not the app directly. Otherwise the app got Ctrl+C twice (from
  // the terminal and passed on from here), took the second for "quit now" and stopped uncleanly.
  const child = spawn(command, commandArgs, { stdio: 'inherit', detached: process.platform !== 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  // The terminal closed: the app, in its own group, did not get the hangup; it stops as on SIGTERM.
  process.on('SIGHUP', () => child.kill('SIGTERM'));
  // npm runs this under `sh -c`, which dies of a SIGTERM sent to npm without passing it on (an IDE
  // or a process manager stopping `npm start`): once whoever started us is gone, stop the app as
  // if told to, rather than leave it running with the ports taken.
  const orphanCheck = setInterval(() => {
    if (process.ppid === launcherPid) return;
    clearInterval(orphanCheck);
    child.kill('SIGTERM');
  }, 500);
  orphanCheck.unref();
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (electron.path && !noDisplay) {
  run(electron.path, ['.', ...args]);
} else {
  const reason = electron.reason ?? 'there is no display ($DISPLAY is not set)';
  console.log(`Desktop window unavailable: ${reason}; running Eddy in serve mode instead — open the URL below in a browser.`);
  run(process.execPath, ['dist/serve/cli.js', ...args]);
}

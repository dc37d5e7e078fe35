/**
 * Stops a foreground command (`npm run broker`, `npm run serve`) when the npm process that
 * started it goes away. npm runs a script under `sh -c`; a SIGTERM sent to npm (CI's `kill $!`,
 * an IDE's stop button) reaches that shell, which dies without passing it on, and the command
 * would run on, orphaned, with its ports taken. Only for commands started by an npm script
 * (`npm_lifecycle_event` is set): one started directly may outlive its shell on purpose (nohup).
 * (`scripts/start.mjs`, plain JavaScript, does the same for `npm start`.)
 */

/**
 * The parent when this module was loaded (at start-up, by the command's imports), so a launcher
 * that is gone before the watch starts (killed while the broker was starting) is noticed too.
 */
const launcherPid = process.ppid;
const CHECK_INTERVAL_MS = 500;

/**
 * Calls `onGone` once when this process's parent changes (it was orphaned). Returns the pid of
 * the npm process watched, or null when this process was not started by an npm script (nothing
 * is watched).
 */
export function whenLauncherExits(onGone: () => void): number | null {
  if (!process.env.npm_lifecycle_event) return null;
  const timer = setInterval(() => {
    if (process.ppid === launcherPid) return;
    clearInterval(timer);
    onGone();
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return launcherPid;
}

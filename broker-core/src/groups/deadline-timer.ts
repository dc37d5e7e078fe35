/**
 * A one-shot timer that can be re-armed, for the coordinator's deadlines (join phase, sync phase,
 * member sessions). Arming replaces any earlier arming. Timers are `unref`ed: a deadline never
 * keeps the process alive; the broker's listeners do that.
 */

export class DeadlineTimer {
  private handle: ReturnType<typeof setTimeout> | null = null;
  /** Epoch ms at which the armed timer fires; undefined when not armed. */
  firesAt: number | undefined;

  arm(delayMs: number, onExpire: () => void): void {
    this.cancel();
    const delay = Math.max(0, delayMs);
    this.firesAt = Date.now() + delay;
    this.handle = setTimeout(() => {
      this.handle = null;
      this.firesAt = undefined;
      onExpire();
    }, delay);
    this.handle.unref?.();
  }

  cancel(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
    this.firesAt = undefined;
  }

  get armed(): boolean {
    return this.handle !== null;
  }
}

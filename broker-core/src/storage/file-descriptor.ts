/**
 * An open file whose close waits for its in-flight asynchronous operations.
 *
 * Appends and reads use the descriptor synchronously (they finish before any other code runs);
 * only `datasync()` is asynchronous. Closing a descriptor while an fdatasync is in flight would
 * let the OS hand the same number to another file, so `close()` defers the real close until the
 * last in-flight call has returned. After `close()` no new call may be made.
 */
import { closeSync, fdatasync } from 'node:fs';

export class FileDescriptor {
  private inFlight = 0;
  private closeRequested = false;

  constructor(readonly fd: number) {}

  get closed(): boolean {
    return this.closeRequested;
  }

  /** fdatasync(2) on the thread pool; rejects with the system error. */
  datasync(): Promise<void> {
    if (this.closeRequested) return Promise.reject(new Error('file descriptor already closed'));
    this.inFlight++;
    return new Promise((resolve, reject) => {
      fdatasync(this.fd, (error) => {
        this.inFlight--;
        if (this.closeRequested && this.inFlight === 0) this.closeNow();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  close(): void {
    if (this.closeRequested) return;
    this.closeRequested = true;
    if (this.inFlight === 0) this.closeNow();
  }

  private closeNow(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Closing can only fail for a descriptor that is already gone; nothing is lost.
    }
  }
}

/**
 * An open file whose close waits for its in-flight asynchronous operations.
 *
 * Reads and `writeNow()` use the descriptor synchronously (they finish before any other code
 * runs); `write()` (log appends while the disk is slow) and `datasync()` run on the thread pool. Closing a descriptor while one of them
 * is in flight would let the OS hand the same number to another file, so `close()` defers the
 * real close until the last in-flight call has returned. After `close()` no new call may be made.
 */
import { closeSync, fdatasync, writev, writevSync } from 'node:fs';

/**
 * Drops the first `written` bytes of `pending` (a short write leaves the rest, the first buffer
 * cut); throws EIO when bytes remain but the write made no progress.
 */
function dropWritten(pending: Buffer[], written: number): void {
  let left = written;
  while (pending.length > 0 && left >= pending[0].length) left -= pending.shift()!.length;
  if (pending.length === 0) return;
  if (written === 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
  pending[0] = pending[0].subarray(left);
}

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
        this.callEnded();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /**
   * Writes every byte of `buffers` at `position` (pwritev(2) on the thread pool, repeated after a
   * short write); rejects with the system error, some bytes possibly written.
   */
  write(buffers: readonly Buffer[], position: number): Promise<void> {
    if (this.closeRequested) return Promise.reject(new Error('file descriptor already closed'));
    this.inFlight++;
    return new Promise((resolve, reject) => {
      const finish = (error: Error | null) => {
        this.callEnded();
        if (error) reject(error);
        else resolve();
      };
      const step = (pending: Buffer[], at: number) => {
        writev(this.fd, pending, at, (error, written) => {
          if (error) return finish(error);
          try {
            dropWritten(pending, written);
          } catch (stalled) {
            return finish(stalled as Error);
          }
          if (pending.length === 0) return finish(null);
          step(pending, at + written);
        });
      };
      step([...buffers], position);
    });
  }

  /** The same as `write()`, synchronously on the calling thread; throws the system error. */
  writeNow(buffers: readonly Buffer[], position: number): void {
    if (this.closeRequested) throw new Error('file descriptor already closed');
    const pending = [...buffers];
    let at = position;
    while (pending.length > 0) {
      const written = writevSync(this.fd, pending, at);
      dropWritten(pending, written);
      at += written;
    }
  }

  /** An asynchronous call returned: the deferred close happens after the last one. */
  private callEnded(): void {
    this.inFlight--;
    if (this.closeRequested && this.inFlight === 0) this.closeNow();
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

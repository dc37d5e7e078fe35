/**
 * Change events of the log manager, for the console (which coalesces them) and for the protocol
 * layer (a parked Fetch wakes on `appended`). Listeners are called synchronously, on the event
 * loop, right after the change; they must be quick and must not throw (a throw is caught and
 * logged, and the other listeners still run).
 */

export type LogEvent =
  | { type: 'topic-created'; topic: string; topicId: string; partitions: number }
  | { type: 'topic-deleted'; topic: string; topicId: string }
  | { type: 'partitions-created'; topic: string; partitions: number }
  | { type: 'configs-changed'; topic: string; configs: Readonly<Record<string, string>> }
  | { type: 'appended'; topic: string; partition: number; baseOffset: number; lastOffset: number; highWatermark: number; appendTime: number }
  | { type: 'log-start-moved'; topic: string; partition: number; logStartOffset: number; reason: 'delete-records' | 'retention' };

export type LogEventListener = (event: LogEvent) => void;

export class LogEventEmitter {
  private readonly listeners = new Set<LogEventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on(listener: LogEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: LogEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

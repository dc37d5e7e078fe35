/**
 * Why an in-process group operation (the console's offset reset, group deletion, the dead-letter
 * sweeper's forced commit) was refused, with a message that says what happened and what to do.
 * `errorCode` is the Kafka error code a client would have received for the same refusal.
 */
export type GroupOperationErrorCode = 'GROUP_NOT_EMPTY' | 'GROUP_NOT_FOUND' | 'UNKNOWN_TOPIC_OR_PARTITION' | 'INVALID_OFFSET' | 'COORDINATOR_UNAVAILABLE';

export class GroupOperationError extends Error {
  constructor(
    readonly code: GroupOperationErrorCode,
    message: string,
    readonly errorCode: number,
  ) {
    super(message);
    this.name = 'GroupOperationError';
  }
}

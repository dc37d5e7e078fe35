/**
 * The code of a broker-core storage failure: its storage errors carry Kafka's error names as
 * `code` (UNKNOWN_TOPIC_OR_PARTITION, OFFSET_OUT_OF_RANGE, …), system errors their errno names;
 * undefined for anything else.
 */
export function storageErrorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}

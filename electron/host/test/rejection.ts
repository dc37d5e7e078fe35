/** The error `promise` rejects with, for a test to look at; a promise that resolves fails the test. */
export async function rejection<E extends Error = Error & { code?: string }>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}

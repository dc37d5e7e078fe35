/**
 * Maps items through an async function with at most `limit` calls in flight, results in the
 * items' order: one request per group to a remote cluster, without opening a thousand at once.
 * The first failure rejects the whole (calls already started still finish, unobserved).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

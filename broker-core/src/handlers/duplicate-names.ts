/**
 * Names that occur more than once in one admin request. Kafka answers each such name once, with
 * INVALID_REQUEST, and acts on none of its entries.
 */
export function duplicateNames(names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) duplicates.add(name);
    else seen.add(name);
  }
  return duplicates;
}

/**
 * A memo lookup that stops growing: `map`'s value for `key`, else `make(key)`, remembered while
 * the map holds fewer than `cap` entries (past that, keys are computed each time). For tables keyed
 * by input (URLs, header and model names) that repeat millions of times in a corpus but are not
 * bounded by anything but the corpus.
 */
export function remember<K, V>(map: Map<K, V>, key: K, cap: number, make: (key: K) => V): V {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const value = make(key);
  if (map.size < cap) map.set(key, value);
  return value;
}

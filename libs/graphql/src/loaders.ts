import DataLoader from 'dataloader';

/**
 * Per-request DataLoader registry, stored on the GraphQL context. Each domain asks for its loaders by
 * key; the first call in a request creates the loader, so batching and caching never cross requests.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }
}

/** Orders batch results to match the keys DataLoader asked for. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups batch results per key, in the keys' order. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

/**
 * The lookups `plainToInstance` makes for every object and every property it converts. Each walks the class's
 * ancestors and copies arrays, although the answer only changes when a decorator runs.
 */
const LOOKUPS = [
  'findTransformMetadatas',
  'findExcludeMetadata',
  'findExposeMetadata',
  'findExposeMetadataByCustomName',
  'findTypeMetadata',
  'getStrategy',
  'getExposedMetadatas',
  'getExcludedMetadatas',
  'getExposedProperties',
  'getExcludedProperties',
] as const;

/** What changes the metadata: after any of these, every cached answer is dropped. */
const CHANGES = [
  'addTypeMetadata',
  'addTransformMetadata',
  'addExposeMetadata',
  'addExcludeMetadata',
  'clear',
] as const;

const INSTALLED = Symbol.for('domo-admin.metadataCache');

type Lookup = (target: unknown, first?: unknown, second?: unknown) => unknown;

/**
 * Caches class-transformer's metadata lookups per method, class and arguments, which halves the time to hydrate
 * an entity (bench/RESULTS.md). The cache is dropped whenever metadata is added or cleared, so classes decorated
 * later — anyone's, not only ours — are seen exactly as before; the answers are arrays class-transformer only
 * reads (it filters and maps them into new ones). Installed once per copy of class-transformer.
 */
export function cacheMetadataLookups(storage = defaultMetadataStorage): void {
  const methods = storage as unknown as Record<string | symbol, unknown>;
  if (methods[INSTALLED]) return;
  methods[INSTALLED] = true;
  const caches: Map<unknown, Map<unknown, Map<unknown, unknown>>>[] = [];
  for (const name of LOOKUPS) {
    const lookup = methods[name] as Lookup;
    const cache = new Map<unknown, Map<unknown, Map<unknown, unknown>>>();
    caches.push(cache);
    methods[name] = function cached(this: unknown, target: unknown, first?: unknown, second?: unknown): unknown {
      let byFirst = cache.get(target);
      if (!byFirst) cache.set(target, (byFirst = new Map<unknown, Map<unknown, unknown>>()));
      let bySecond = byFirst.get(first);
      if (!bySecond) byFirst.set(first, (bySecond = new Map<unknown, unknown>()));
      if (bySecond.has(second)) return bySecond.get(second);
      const answer = lookup.call(this, target, first, second);
      bySecond.set(second, answer);
      return answer;
    };
  }
  for (const name of CHANGES) {
    const change = methods[name] as (...args: unknown[]) => unknown;
    methods[name] = function invalidating(this: unknown, ...args: unknown[]): unknown {
      for (const cache of caches) cache.clear();
      return change.apply(this, args);
    };
  }
}

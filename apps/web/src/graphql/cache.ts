import type { CacheExchangeOpts } from '@urql/exchange-graphcache';

/**
 * The normalised cache's configuration. Types without an `id` are embedded in their parent; features
 * add their updaters here (a new comment in its thread, a mutation's result in a list).
 */
export const cacheConfig: CacheExchangeOpts = {
  keys: {
    AuthPayload: () => null,
    // versions: a comparison's rows and a version's paragraphs are values inside their parent
    BlockDiff: () => null,
    NumberedParagraph: () => null,
  },
};

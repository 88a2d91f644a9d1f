import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { type ApolloDriverConfig } from '@nestjs/apollo';
import { type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { type AppConfig } from '@intersessional/config';
import { type RequestContext, createErrorFormatter, createRequestContext, queryLimitsPlugin } from '@intersessional/graphql';
import { type Metrics } from '@intersessional/metrics';
import { graphqlMetricsPlugin } from './graphql-metrics.plugin';
import { requestIdPlugin } from './request-id.plugin';

export function graphqlOptions(config: AppConfig, logger: Logger, metrics: Metrics): ApolloDriverConfig {
  const format = createErrorFormatter((error, formatted) =>
    logger.error({ err: error, path: formatted.path }, 'unhandled error while resolving'),
  );
  return {
    path: '/graphql',
    // Subscriptions (graphql-ws) share this path: SubscriptionServer (subscription-server.ts) claims the
    // WebSocket upgrades, rather than Nest's built-in server, so it can bound frames and close before the drain.
    // Built in memory; the sorted SDL is committed as apps/api/schema.gql and a test fails when it is
    // stale (`npm run schema` rewrites it), so every API change shows up in review.
    autoSchemaFile: true,
    sortSchema: true,
    // off in production unless GRAPHQL_INTROSPECTION=true: the schema is public in the repository, but
    // a live endpoint need not hand a map of itself to every scanner
    introspection: config.GRAPHQL_INTROSPECTION,
    // and without introspection, no "Did you mean …?" in validation errors either: guessing field names
    // against those suggestions rebuilds the schema just as well
    hideSchemaDetailsFromClientErrors: !config.GRAPHQL_INTROSPECTION,
    // Nest's GraphiQL is off; the landing page below is Apollo's (Nest then adds a marker plugin that
    // only stops Apollo from installing its own default)
    playground: false,
    // Guards run on root fields only (each request's access rule, and authentication once per request).
    // Field resolvers are all @Public() with their policy in code (the conventions spec holds every one
    // to that), so Nest can call them directly: running the guard, its execution context and promises on
    // every field of every row cost about a fifth of a page of 50 comments.
    fieldResolverEnhancers: [],
    context: (ctx: { req: RequestContext['req']; res: RequestContext['res'] }) => createRequestContext(ctx),
    formatError: (formatted: GraphQLFormattedError, error: unknown) => format(formatted, error),
    plugins: [
      // No cache hints are used (responses are per person); Apollo's cache-control plugin would still
      // wrap every field's resolver to compute a policy, a cost paid on every field of every page.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin({ maxDepth: config.GRAPHQL_MAX_DEPTH, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY }),
      requestIdPlugin(),
      graphqlMetricsPlugin(metrics),
      landingPage(config),
    ],
  };
}

/**
 * What a browser gets on GET /graphql (Accept: text/html, no query): the Apollo Sandbox, the page the
 * start banner points newcomers to. In production, Apollo's static production page, which embeds nothing
 * and needs no introspection.
 */
function landingPage(config: AppConfig): ApolloServerPlugin {
  return config.NODE_ENV === 'production'
    ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
    : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false, includeCookies: false });
}

import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL operations, inferred by TypeScript from the committed schema (apps/api/schema.gql,
 * turned into ./graphql-env.d.ts by `npm run schema`). gql.tada rather than graphql-codegen: nothing is
 * generated per operation, so an operation lives in its feature folder as plain code, is typed the
 * moment it is written, and parallel work never conflicts over one generated file.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSONObject: Record<string, unknown> };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

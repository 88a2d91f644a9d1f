import { type ApolloServerPlugin } from '@apollo/server';
import { type RequestContext } from '@intersessional/graphql';
import { type Metrics } from '@intersessional/metrics';

/** Operation names are the client's to choose: beyond this many distinct ones, the rest count as "other". */
const MAX_OPERATIONS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Times every GraphQL request by operation name (its kind for anonymous ones), with its outcome. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  const durations = metrics.histogram('graphql_request_seconds', 'GraphQL requests by operation, from parsing to the response', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], [
    'operation',
    'outcome',
  ]);
  const known = new Set<string>();
  const labelOf = (name: string | null | undefined, kind: string | undefined): string => {
    if (!name || !NAME.test(name)) return `(anonymous ${kind ?? 'request'})`;
    if (known.has(name)) return name;
    if (known.size >= MAX_OPERATIONS) return '(other)';
    known.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const end = durations.startTimer();
      return {
        async willSendResponse({ request, operation, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          end({ operation: labelOf(operation?.name?.value ?? request.operationName, operation?.operation), outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}

import { type ApolloServerPlugin } from '@apollo/server';
import { type RequestContext } from '@intersessional/graphql';

/** Stamps every error with the request id, so a user's report can be matched to the log line. */
export function requestIdPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const requestId = contextValue.requestId;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId },
          }));
        },
      };
    },
  };
}

// The node of an edge whose provider failed: null in the answer, with the provider's error at that edge's path.
import type { ProviderError } from '../providers/types.js';
import { toGraphQLError } from '../resolvers/errors.js';

/**
 * A node that fails when graphql awaits it: that edge's node is null and the error carries its path. A lazy
 * thenable, so an edge whose node was not selected never leaves an unhandled rejection behind. Its `then` must
 * return a rejected promise: graphql-js calls `then` with only a fulfilment handler and catches on the result.
 */
export function failedNode(error: ProviderError): PromiseLike<never> {
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose (see above).
  return { then: (onFulfilled, onRejected) => Promise.reject(toGraphQLError(error)).then(onFulfilled, onRejected) };
}

// Runs one mutation: its failures as typed errors, and the request's loaders emptied after it whatever happened.
import type { RequestContext } from '../context.js';
import { asMutationError } from './errors.js';

/**
 * Runs a mutation: its failures as typed errors, and the request's loaders emptied after it whatever happened.
 * `path` is where a provider's refusal of the input as a whole (INVALID) points: the member list of a bulk change.
 */
export async function mutate<T>(ctx: RequestContext, operation: string, work: () => Promise<T>, path: readonly string[] = ['input']): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asMutationError(error, { operation, path });
  } finally {
    // Later fields of this request (and the payload's own) must see the state after the write.
    ctx.loaders.forgetAll();
  }
}

// Runs one mutation: its failures as typed errors, and the request's loaders emptied after it whatever happened.
import { withCallPolicy, type Reservation } from '../../providers/call-policy.js';
import type { RequestContext } from '../context.js';
import { asMutationError } from './errors.js';

/**
 * Runs a mutation: its failures as typed errors, and the request's loaders emptied after it whatever happened.
 * `path` is where a provider's refusal of the input as a whole (INVALID) points: the member list of a bulk change.
 */
export async function mutate<T>(ctx: RequestContext, operation: string, work: () => Promise<T>, path: readonly string[] = ['input']): Promise<T> {
  try {
    // A change runs to its end even if the client hangs up: its reads too (a read between two writes that stopped
    // would leave the change half-applied); only reads outside the change stop then (call-policy.ts).
    return await withCallPolicy({ clientSignal: null }, work);
  } catch (error) {
    throw asMutationError(error, { operation, path });
  } finally {
    // Later fields of this request (and the payload's own) must see the state after the write.
    ctx.loaders.forgetAll();
  }
}

/**
 * Runs a write plan's `calls` on calls set aside in the provider's shared rate budget first, so the budget never
 * stops the plan half-sent: when the calls cannot be had, the reservation throws RATE_LIMITED before anything is
 * sent. Calls the plan did not make go back to the budget. Without a reservation (no budget here: the lambda
 * transport), the plan runs as is and reports members it could not send as FAILED with the error that stopped it.
 */
export async function withReservedCalls<T>(
  reserve: ((calls: number) => Promise<Reservation | null>) | undefined,
  calls: number,
  work: () => Promise<T>,
): Promise<T> {
  const reservation = reserve ? await reserve(calls) : null;
  if (!reservation) return work();
  try {
    return await withCallPolicy({ reservations: [reservation] }, work);
  } finally {
    await reservation.release();
  }
}

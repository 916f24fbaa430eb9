// One request's record as it crosses the gate, yoga and the resolvers: its id, caller, operation, upstream calls and error codes.
import { scopeSlot } from '../providers/async-scope.js';
import type { ProviderId } from '../providers/types.js';
import type { Caller } from '../resolvers/context.js';

export interface RequestRecord {
  /** Sent back as `x-request-id` and written on every log line of the request. */
  id: string;
  startedAt: number;
  caller: Caller | null;
  operationName: string | null;
  /** Upstream attempts per provider (a call refused by an open breaker is not one). */
  upstream: Partial<Record<ProviderId, number>>;
  /** `extensions.code` of every error the response carries. */
  errorCodes: string[];
}

/** The request line's code for a request whose client went away before its answer (status 499, as nginx logs it). */
export const CLIENT_CLOSED_REQUEST = 'CLIENT_CLOSED_REQUEST';

const scope = scopeSlot<RequestRecord>('request record');

/** Runs a request's work with its record reachable from any code it awaits (error masking, tracing, logs). */
export function withRequestRecord<T>(record: RequestRecord, work: () => T): T {
  return scope.run(record, work);
}

/** The record of the request whose async chain is running, if any. */
export function currentRequest(): RequestRecord | undefined {
  return scope.get();
}

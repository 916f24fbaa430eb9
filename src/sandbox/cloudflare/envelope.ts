// The Cloudflare v4 envelope around every answer, success or failure, and the error codes the sandbox uses.
import { SimError, type SimResponse } from '../core/types.js';

/** Error codes in `errors[].code`. Only 7003 is in the spec's example; the rest are [infer] (see PROVIDERS.md 004). */
export const CODE = {
  authentication: 10000,
  unauthorized: 9109,
  noRoute: 7003,
  methodNotAllowed: 7001, // [infer]
  groupNotFound: 1001, // [infer]
  groupMemberNotFound: 1002, // [infer]
  accountMemberNotFound: 1003, // [infer]
  invalidParameter: 1004, // [infer]
  accountNotFound: 1005, // [infer]
  rateLimited: 971, // [infer]
  internal: 10001, // [infer]
} as const;

export interface ResponseMessage {
  code: number;
  message: string;
  source?: { pointer: string };
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export function ok(result: unknown, resultInfo?: ResultInfo): SimResponse {
  const body: Record<string, unknown> = { success: true, errors: [], messages: [], result };
  if (resultInfo) body.result_info = resultInfo;
  return { status: 200, body };
}

/** A failure carrying several messages (one per unknown member id, say). */
export function failure(status: number, errors: ResponseMessage[]): SimResponse {
  return { status, body: { success: false, errors, messages: [], result: null } };
}

/** The code a failure gets when the thrower named none: by status, like the real API's generic answers. */
export function defaultCode(status: number): number {
  if (status === 401) return CODE.authentication;
  if (status === 403) return CODE.unauthorized;
  if (status === 404) return CODE.noRoute;
  if (status === 405) return CODE.methodNotAllowed;
  if (status === 429) return CODE.rateLimited;
  if (status >= 500) return CODE.internal;
  return CODE.invalidParameter;
}

export function notFound(code: number, message: string): SimError {
  return new SimError(404, message, {}, code);
}

export function invalid(message: string): SimError {
  return new SimError(400, message, {}, CODE.invalidParameter);
}

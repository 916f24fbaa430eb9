// The Cloudflare v4 envelope around every answer, success or failure, and the error codes the sandbox uses.
import { SimError, type SimResponse } from '../core/types.js';

/**
 * Error codes in `errors[].code`. Only 7003 is in the spec's example; 6003/6111 and 10000 on a 403 are
 * [observed] in the field (not in the API reference); the rest are [infer] (see docs/providers/cloudflare.md).
 */
export const CODE = {
  authentication: 10000,
  unauthorized: 9109,
  invalidRequestHeaders: 6003, // [observed]
  invalidAuthorizationFormat: 6111, // [observed] in error_chain under 6003
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

/**
 * The codes the sandbox invented for missing objects and refused input. With `inferredErrorCodes: false`
 * failures that would carry one of them carry `errors: []` instead: the status alone, as a client must be
 * ready to get from the real API, whose reference documents none of them.
 */
export const INFERRED_CODES: ReadonlySet<number> = new Set([
  CODE.groupNotFound,
  CODE.groupMemberNotFound,
  CODE.accountMemberNotFound,
  CODE.invalidParameter,
  CODE.accountNotFound,
]);

export interface ResponseMessage {
  code: number;
  message: string;
  source?: { pointer: string };
  /** [observed] The causes of an error, as in `6003` ← `6111`. */
  error_chain?: ResponseMessage[];
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

/** A SimError that carries its whole `errors` list: several messages (one per unknown id), or a cause chain. */
export class CloudflareError extends SimError {
  constructor(
    status: number,
    readonly messages: [ResponseMessage, ...ResponseMessage[]],
  ) {
    super(status, messages[0].message, {}, messages[0].code);
  }
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

/** [observed] 400 code 6003 ← 6111: the Authorization header is not `Bearer <token>`. */
export function malformedCredentials(): CloudflareError {
  return new CloudflareError(400, [
    {
      code: CODE.invalidRequestHeaders,
      message: 'Invalid request headers',
      error_chain: [{ code: CODE.invalidAuthorizationFormat, message: 'Invalid format for Authorization header' }],
    },
  ]);
}

/** [observed] 403 code 10000: a valid token that lacks the permission the call needs. */
export function missingPermission(): SimError {
  return new SimError(403, 'Authentication error', {}, CODE.authentication);
}

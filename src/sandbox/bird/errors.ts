// Bird's error envelope `{code, message, details?}` and the error codes the simulator answers with.
import { SimError, type SimResponse } from '../core/types.js';

// [infer] docs/providers/bird.md#contract only gives `{code, message}`; the code values below are the ones the project adopts
// (400 bad_request, 405 method_not_allowed and 413 payload_too_large cover what the core server answers itself).
export type BirdErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'organization_not_found'
  | 'team_not_found'
  | 'team_member_not_found'
  | 'user_not_found'
  | 'team_member_already_exists'
  | 'validation_error'
  | 'bad_request'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error';

/** A SimError that carries Bird's string code and, for 422s, a `details` object naming the field. */
export class BirdError extends SimError {
  constructor(
    status: number,
    code: BirdErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(status, message, {}, code);
  }
}

/** The code for errors raised outside the handlers (unknown routes, auth, faults). */
function codeForStatus(status: number): BirdErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 413) return 'payload_too_large';
  if (status === 422) return 'validation_error';
  if (status === 429) return 'rate_limited';
  return 'internal_error';
}

export function birdErrorResponse(status: number, message: string, error?: SimError): SimResponse {
  const code = typeof error?.code === 'string' ? error.code : codeForStatus(status);
  const body: Record<string, unknown> = { code, message };
  if (error instanceof BirdError && error.details) body.details = error.details;
  return { status, body };
}

export const organizationNotFound = (): BirdError => new BirdError(404, 'organization_not_found', 'Organization not found');
export const teamNotFound = (): BirdError => new BirdError(404, 'team_not_found', 'Team not found');
export const teamMemberNotFound = (): BirdError => new BirdError(404, 'team_member_not_found', 'Team member not found');
export const userNotFound = (): BirdError => new BirdError(404, 'user_not_found', 'User not found in this organization');
export const memberAlreadyExists = (): BirdError => new BirdError(409, 'team_member_already_exists', 'The user is already a member of this team');
export const forbidden = (): BirdError => new BirdError(403, 'forbidden', 'This access key may not change this organization');

/** 422 naming one field and what is wrong with it. */
export function validationError(field: string, reason: string): BirdError {
  return new BirdError(422, 'validation_error', `Validation failed: ${field} ${reason}`, { [field]: reason });
}

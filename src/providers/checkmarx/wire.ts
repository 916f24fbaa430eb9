// Checkmarx Access Control wire types (zod), checked at the boundary; and how its error bodies read.
import { z } from 'zod';

/** Ids are positive integers on the wire. */
const WireId = z.number().int().positive();

/** A value without a zone is UTC (the brief's rule for provider timestamps). */
function withZone(value: string): string {
  return /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
}

/** Date strings as UTC ISO-8601 (.NET writes seven fractional digits; Date keeps three). */
export function isoFromDotNet(value: string): string {
  return new Date(withZone(value)).toISOString();
}

const WireDate = z.string().refine((value) => !Number.isNaN(Date.parse(withZone(value))), {
  message: 'expected an ISO-8601 date-time',
});

export const WireUser = z.object({
  id: WireId,
  // The documented field is `userName`; some CxSAST endpoints send `username` (the SDK copes with both).
  userName: z.string().optional(),
  username: z.string().optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  active: z.boolean(),
  lastLoginDate: WireDate.nullable().optional(),
  creationDate: WireDate.nullable().optional(),
  teamIds: z.array(z.number().int()).optional(),
  roleIds: z.array(z.number().int()).optional(),
});
export type WireUser = z.infer<typeof WireUser>;
export const WireUserList = z.array(WireUser);

export const WireTeam = z.object({
  id: WireId,
  name: z.string(),
  fullName: z.string(),
  // The root team's parent is 0.
  parentId: z.number().int().nonnegative(),
});
export type WireTeam = z.infer<typeof WireTeam>;
export const WireTeamList = z.array(WireTeam);

export const WireToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string(),
});

/** The OAuth error of the token endpoint. */
export const WireOAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

/** `{messageCode, messageDetails}` (API errors) or OAuth's `{error, error_description}` (the token endpoint). */
export function errorMessage(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { messageCode, messageDetails, error, error_description: description } = body as Record<string, unknown>;
  if (typeof messageDetails === 'string' && messageDetails !== '') {
    const text = messageDetails.slice(0, 300);
    return typeof messageCode === 'number' ? `${text} (messageCode ${messageCode})` : text;
  }
  if (typeof error === 'string') return typeof description === 'string' ? `${error}: ${description}` : error;
  return undefined;
}

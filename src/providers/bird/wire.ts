// Bird Accounts API wire types (zod), validated at the adapter boundary with parseResponse; and how its error bodies read.
import { z } from 'zod';
import { isDateTime } from '../iso-date.js';
import { UUID_PATTERN } from './ids.js';

const uuid = z.string().regex(UUID_PATTERN, 'expected a UUID');
const timestamp = z.string().refine(isDateTime, 'expected a date-time');

/**
 * TeamMember: `{id, type, status, createdAt, updatedAt}`. Loose objects keep any field Bird adds, so `raw`
 * is the provider's JSON unchanged. `status` and `type` are plain strings: a status Bird adds later maps to
 * UNKNOWN instead of failing a whole page.
 */
export const TeamMemberWire = z.object({
  id: uuid,
  type: z.string(),
  status: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type TeamMemberWire = z.output<typeof TeamMemberWire>;

/** `nextPageToken` absent, null or `""` all mean the end of the list ("if empty, there are no more results"). */
const nextPageToken = z.string().nullish();

export const TeamMemberListWire = z.object({
  results: z.array(TeamMemberWire),
  nextPageToken,
});

/** POST answers 201 with the one new member inside `results`. */
export const TeamMemberAddedWire = z.object({
  results: z.array(TeamMemberWire).min(1),
});

/** Team: the fields the adapter reads are required; the rest are checked when present. */
export const TeamWire = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullish(),
  visibility: z.string().optional(),
  accessibility: z.string().optional(),
  activeMemberCount: z.number().int().min(0),
  pendingMemberCount: z.number().int().min(0),
  featuredMembers: z.array(z.object({ id: uuid })).nullish(),
  roleRefs: z.array(z.object({ id: z.string() })).nullish(),
  createdAt: timestamp,
  updatedAt: timestamp.optional(),
});
export type TeamWire = z.output<typeof TeamWire>;

export const TeamListWire = z.object({
  results: z.array(TeamWire),
  nextPageToken,
});

/** Bird's error body: `{code, message}`, with `details` on validation errors. */
export const ErrorWire = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The human text of Bird's error body, for HttpClient messages. */
export function errorMessage(_status: number, body: unknown): string | undefined {
  const parsed = ErrorWire.safeParse(body);
  return parsed.success ? `${parsed.data.message} (${parsed.data.code})` : undefined;
}

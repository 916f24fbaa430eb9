// GoodAccess's JSON as zod schemas: the API's OpenAPI is untyped, so these follow the documented examples.
import { z } from 'zod';

/** "YYYY-MM-DD HH:MM:SS" as documented (no zone: read as UTC); an ISO-8601 string is accepted too. */
const timestamp = z.string().refine((value) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) || !Number.isNaN(Date.parse(value)), {
  message: 'expected a "YYYY-MM-DD HH:MM:SS" timestamp',
});

/** An item of `GET /members` and of a group's relation list. */
const listMember = z.object({
  id: z.string().min(1),
  created_at: timestamp.nullish(),
  avatar: z.string().nullish(),
  name: z.string(),
  username: z.string().nullish(),
  is_user_blocked: z.boolean(),
  is_mfa_active: z.boolean(),
});
export type ListMember = z.output<typeof listMember>;
export const memberList = z.array(listMember);

/** `GET /member/{id}`: the same member under other field names, and no `created_at`. */
export const memberDetail = z.object({
  id: z.string().min(1),
  name: z.string(),
  email: z.string().nullish(),
  avatar_url: z.string().nullish(),
  is_mfa_active: z.boolean(),
  is_blocked: z.boolean(),
});
export type MemberDetail = z.output<typeof memberDetail>;

export const group = z.object({
  id: z.string().min(1),
  name: z.string(),
  forced_always_on_included: z.boolean().nullish(),
  forced_always_on_excluded: z.boolean().nullish(),
  geo_restriction_included: z.boolean().nullish(),
});
export type Group = z.output<typeof group>;
export const groupList = z.array(group);

/** `POST /member`: 200 (not 201) with the new id. */
export const created = z.object({ created_id: z.string().min(1), message: z.string().nullish() });

/** Every error body seen is `{"message": "..."}`, sometimes with `status`. */
export function errorMessage(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

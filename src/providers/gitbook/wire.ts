// GitBook's wire types as zod schemas: what the adapter relies on is required, everything else is dropped.
import { z } from 'zod';
import { isDateTime } from '../iso-date.js';
import { schemaPerItem } from '../validate.js';

/** A date-time string that Date can read; checked here so mapping never produces "Invalid Date". */
const dateTime = z.string().refine(isDateTime, 'expected an ISO-8601 date-time');

const userSchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  email: z.string().nullish(),
  photoURL: z.string().nullish(),
});

/** OrganizationMember: `id` is the user id; `role` is null for guests. */
export const organizationMemberSchema = z.object({
  id: z.string().min(1),
  role: z.string().nullable(),
  user: userSchema,
  disabled: z.boolean(),
  joinedAt: dateTime,
  lastSeenAt: dateTime.nullish(),
});
export type WireOrganizationMember = z.infer<typeof organizationMemberSchema>;

export const teamMemberSchema = z.object({
  organization: organizationMemberSchema,
  // A string rather than an enum: the team role enum has changed before (`participant`), see map.ts.
  team: z.object({ role: z.string() }),
});
export type WireTeamMember = z.infer<typeof teamMemberSchema>;

export const organizationSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
});
export type WireOrganization = z.infer<typeof organizationSchema>;

export const teamSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  members: z.number().int().nonnegative(),
  createdAt: dateTime.nullish(),
});
export type WireTeam = z.infer<typeof teamSchema>;

/** GitBook's List: `next` only when another page exists; `count` is optional. */
export const listSchema = schemaPerItem(<T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z.object({ page: z.string().min(1) }).nullish(),
    count: z.number().int().nonnegative().nullish(),
  }),
);

/** Body of PUT /orgs/{organizationId}/teams/{teamId}/members. */
export interface WireTeamMembersUpdate {
  add?: string[];
  remove?: string[];
  memberships?: Record<string, { role: WireTeamRole }>;
}

export type WireTeamRole = 'owner' | 'member';

/** `{"error":{"code":<status>,"message":"..."}}` */
export function errorMessageOf(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

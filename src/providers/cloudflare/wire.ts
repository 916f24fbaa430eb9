// Cloudflare API v4 wire types (docs/providers/cloudflare.md#contract) as zod schemas, checked at the adapter's boundary.
import { z } from 'zod';
import { isDateTime } from '../iso-date.js';
import { schemaPerItem } from '../validate.js';
import { HEX_ID } from './ids.js';

const hexId = z.string().regex(HEX_ID, 'expected a 32-character lowercase hex id');
const dateTime = z.string().refine(isDateTime, 'expected a date-time');

/** An item of `errors` / `messages`: `{code, message, documentation_url?, source?: {pointer}}`. */
const responseMessage = z.object({
  code: z.number(),
  message: z.string(),
  source: z.object({ pointer: z.string().optional() }).optional(),
});
export type ResponseMessage = z.output<typeof responseMessage>;

const resultInfo = z.object({
  page: z.number(),
  per_page: z.number(),
  count: z.number(),
  total_count: z.number(),
  total_pages: z.number().optional(),
});
export type ResultInfo = z.output<typeof resultInfo>;

/** The v4 envelope of a single result. */
export const envelope = schemaPerItem(<T extends z.ZodType>(result: T) =>
  z.object({
    success: z.literal(true),
    errors: z.array(responseMessage),
    messages: z.array(responseMessage),
    result,
  }),
);

/** The v4 envelope of one page of a list. */
export const listEnvelope = schemaPerItem(<T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    errors: z.array(responseMessage),
    messages: z.array(responseMessage),
    result: z.array(item),
    result_info: resultInfo,
  }),
);

/** A failure: `{success: false, errors: [{code, message}], messages: [], result: null}`. */
export const failureEnvelope = z.object({
  success: z.literal(false),
  errors: z.array(responseMessage),
});

/** The first message of an `errors` list, as messages quote it. */
export function describeErrors(errors: readonly ResponseMessage[]): string | undefined {
  const first = errors[0];
  return first ? `${first.message} (code ${first.code})` : undefined;
}

/** The human text of a failure envelope, for HttpClient messages. */
export function errorMessage(_status: number, body: unknown): string | undefined {
  const parsed = failureEnvelope.safeParse(body);
  return parsed.success ? describeErrors(parsed.data.errors) : undefined;
}

export const account = z.object({
  id: hexId,
  name: z.string(),
  type: z.string().optional(),
  created_on: dateTime.nullish(),
});
export type Account = z.output<typeof account>;

export const userGroup = z.object({
  id: hexId,
  name: z.string(),
  created_on: dateTime.nullish(),
  modified_on: dateTime.nullish(),
  policies: z.array(z.object({})).optional(),
});
export type UserGroup = z.output<typeof userGroup>;

const user = z.object({
  id: z.string().nullish(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  two_factor_authentication_enabled: z.boolean().nullish(),
});

/** Member: group-member lists and the results of POST, PUT and DELETE. `id` is the account member id. */
export const groupMember = z.object({
  id: hexId,
  email: z.string().nullish(),
  status: z.string().nullish(),
});

/** MemberGet: the single read, with when the member joined the group and the user behind it. */
export const groupMemberGet = groupMember.extend({
  created_at: dateTime.nullish(),
  user: user.nullish(),
});
export type GroupMember = z.output<typeof groupMemberGet>;

/** An account member (`/accounts/{account_id}/members`): `user.id` differs from the membership `id`. */
export const accountMember = z.object({
  id: hexId,
  email: z.string().nullish(),
  status: z.string().nullish(),
  user: user.nullish(),
});
export type AccountMember = z.output<typeof accountMember>;

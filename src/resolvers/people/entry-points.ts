// How the schema reaches a person: by the e-mail a client gives, by a Person id, or from one of their memberships.
import type { MemberRecord } from '../../providers/types.js';
import { UserInputError } from '../errors.js';
import { parseGlobalId } from '../ids.js';
import { personDetail } from '../member-details.js';
import type { ReadContext } from '../read-context.js';
import { personEmail, personKeyOf } from './email.js';
import { joinable } from './lookup.js';
import { personByEmail, type PersonRecord } from './summary.js';

/** `person(email:)`: a malformed address is BAD_USER_INPUT with no call; else the person, or null where no provider holds the address. */
export function personByInput(ctx: ReadContext, email: string): Promise<PersonRecord | null> {
  return personByEmail(ctx, personEmail(email));
}

/**
 * The person a membership belongs to: the one its e-mail names (free where the record carries it; a Cloudflare
 * group member's comes with the list). Null where the record has no e-mail address, or its provider's members
 * are never joined (no list of organization members: Bird). No check that the person exists: the member is theirs.
 */
export async function personOfMember(ctx: ReadContext, member: MemberRecord): Promise<PersonRecord | null> {
  if (!joinable(ctx, member.provider)) return null;
  const email = personKeyOf(await personDetail(ctx, member, 'email'));
  return email === null ? null : { email };
}

/**
 * A federation representation's Person: its id decoded and checked as node(id:) checks it (not a string, malformed
 * or of another type: BAD_USER_INPUT, no call), then found as node(id:) finds it.
 */
export function personOfGlobalId(ctx: ReadContext, id: unknown): Promise<PersonRecord | null> {
  if (typeof id !== 'string') {
    throw new UserInputError('A Person representation needs its id as a string (the global id node(id:) takes)', { argument: 'representations' });
  }
  const node = parseGlobalId(id, ['Person']);
  // parseGlobalId refused every other type.
  return personByEmail(ctx, (node.key as { email: string }).email);
}

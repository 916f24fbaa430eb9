// A person's key: the e-mail address, trimmed and lower-cased, checked before any provider call.
import { EmailAddressResolver } from 'graphql-scalars';
import { UserInputError } from '../errors.js';

/** RFC 5321's limit on a forward path: no provider holds a longer address, so a longer one names no one. */
export const MAX_EMAIL_LENGTH = 254;
/** A name, an @, a domain with a dot: what every e-mail-carrying provider stores; anything else names no one. */
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

/**
 * Whether the schema's EmailAddress scalar serialises it: a person is answered with their address in that scalar,
 * so an address it refuses (such as `a,b@x.io`, which the shape above lets through) would fail the whole person.
 */
function emailScalarAccepts(address: string): boolean {
  try {
    EmailAddressResolver.serialize(address);
    return true;
  } catch {
    return false;
  }
}

/**
 * The form e-mails are compared in: trimmed and lower-cased, so `Ada@Example.com ` and `ada@example.com` are one
 * person. Null for a record without an e-mail (never joined to anyone by guesswork).
 */
export function normalEmail(email: string | null | undefined): string | null {
  if (email == null) return null;
  const normal = email.trim().toLowerCase();
  return normal === '' ? null : normal;
}

/**
 * The key a member record joins a person under: its e-mail normalised, when it is an address `personEmail` would
 * accept (so every person listed can be looked up again); null otherwise, and the record is joined to no one.
 */
export function personKeyOf(email: string | null | undefined): string | null {
  const normal = normalEmail(email);
  return normal !== null && normal.length <= MAX_EMAIL_LENGTH && EMAIL.test(normal) && emailScalarAccepts(normal) ? normal : null;
}

/**
 * The normalised address of an e-mail a client gave, or BAD_USER_INPUT (no provider call): empty, longer than an
 * address can be, or not shaped as an address. The message never repeats the value.
 */
export function personEmail(email: string, argument = 'email'): string {
  const normal = normalEmail(email);
  if (normal === null) throw new UserInputError(`\`${argument}\` is empty: give an e-mail address such as ada@example.com`, { argument });
  if (normal.length > MAX_EMAIL_LENGTH) {
    throw new UserInputError(`\`${argument}\` is longer than an e-mail address can be (${MAX_EMAIL_LENGTH} characters)`, { argument });
  }
  if (!EMAIL.test(normal) || !emailScalarAccepts(normal))
    throw new UserInputError(`\`${argument}\` is not an e-mail address: expected one such as ada@example.com`, { argument });
  return normal;
}

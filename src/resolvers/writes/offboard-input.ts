// offboardPerson's input checked before any provider call: the e-mail address and the providers to offboard from.
import { PROVIDER_IDS } from '../../providers/catalog.js';
import type { ProviderId } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import { UserInputError } from '../errors.js';
import { personEmail } from '../people/email.js';
import { ValidationError } from './errors.js';

/**
 * The most changes one offboardPerson call plans or makes: a person with more (a member of hundreds of groups) is
 * offboarded provider by provider, so one call stays within one request's time and one payload stays readable.
 */
export const MAX_OFFBOARD_CHANGES = 200;

export interface OffboardPersonInput {
  email: string;
  /** Null or left out: every provider this gateway serves. */
  providers?: readonly ProviderId[] | null;
  /** Null or left out: false (the changes are made). */
  dryRun?: boolean | null;
}

export interface OffboardRequest {
  /** Normalised: trimmed and lower-cased. */
  email: string;
  /** The providers to offboard from, in the gateway's order, each once. */
  providers: ProviderId[];
  dryRun: boolean;
}

/** Checks the input; every refusal is a ValidationError naming the field, never repeating the value, with no call made. */
export function offboardRequestFrom(ctx: RequestContext, input: OffboardPersonInput): OffboardRequest {
  return { email: emailFrom(input.email), providers: providersFrom(ctx, input.providers), dryRun: input.dryRun ?? false };
}

function emailFrom(email: string): string {
  try {
    return personEmail(email, 'input.email');
  } catch (error) {
    if (error instanceof UserInputError) throw new ValidationError(error.message, ['input', 'email']);
    throw error;
  }
}

function providersFrom(ctx: RequestContext, given: readonly ProviderId[] | null | undefined): ProviderId[] {
  if (given === null || given === undefined) return [...ctx.providers];
  const path = ['input', 'providers'];
  if (given.length === 0) throw new ValidationError('`providers` is empty: name at least one provider, or leave it out for every provider', path);
  // Each provider at most once: a longer list can only be repeats (refused rather than walked, however long it is).
  if (given.length > PROVIDER_IDS.length) throw new ValidationError(`\`providers\` names at most ${PROVIDER_IDS.length} providers, each once`, path);
  given.forEach((provider, index) => {
    if (!ctx.providers.includes(provider)) throw new ValidationError(`${provider} is not configured on this gateway`, [...path, String(index)], provider);
  });
  return ctx.providers.filter((provider) => given.includes(provider));
}

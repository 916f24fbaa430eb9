// What every mutation field shares: the write scope, one `input` argument, and a union of its success and the typed errors.
import { MUTATION_ERRORS } from '../errors.js';

/** Pothos errors-plugin options: the success type sits in the union itself (directResult), named `<Mutation>Payload`. */
export function payloadOf(mutation: string) {
  const type = `${mutation.slice(0, 1).toUpperCase()}${mutation.slice(1)}`;
  const description =
    `What ${mutation} answers: ${type}Success, or one typed error (each implements Error) when the change was refused or not applied ` +
    '(a ProviderUnavailableError with outcomeUnknown may have been). Branch on __typename.';
  return { types: [...MUTATION_ERRORS], directResult: true as const, union: { name: `${type}Payload`, description } };
}

/** Every mutation needs the caller's key to have the write scope; a refused one returns ForbiddenError and sends nothing. */
export const WRITE_SCOPE = { write: true } as const;

export const CLIENT_MUTATION_ID = {
  required: false,
  description: 'Any string of yours, at most 512 characters, echoed in the success payload (Relay convention); the provider never sees it.',
} as const;

/** The `input` argument every mutation takes. */
export const INPUT = 'Everything the mutation needs, in one object (Relay convention).';

/** The echo on every success payload. */
export const ECHOED_ID = 'The clientMutationId the input gave; null where it gave none.';

// What every mutation field shares: the write scope, one `input` argument, and a union of its success and the typed errors.
import { MUTATION_ERRORS } from '../errors.js';

/** Pothos errors-plugin options: the success type sits in the union itself (directResult), named `<Mutation>Payload`. */
export function payloadOf(mutation: string) {
  const name = `${mutation.slice(0, 1).toUpperCase()}${mutation.slice(1)}Payload`;
  return { types: [...MUTATION_ERRORS], directResult: true as const, union: { name } };
}

/** Every mutation needs the caller's key to have the write scope; a refused one returns ForbiddenError and sends nothing. */
export const WRITE_SCOPE = { write: true } as const;

export const CLIENT_MUTATION_ID = { required: false, description: 'Echoed in the success payload (Relay convention).' } as const;

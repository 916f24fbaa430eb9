// Provider errors and user mistakes as GraphQL errors with a stable `extensions.code` (and the provider).
import { GraphQLError } from 'graphql';
import { ProviderError, type ProviderErrorKind } from '../providers/types.js';

/** The code clients branch on, per provider error kind. */
const ERROR_CODES: Record<ProviderErrorKind, string> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'PROVIDER_FORBIDDEN',
  UNAUTHENTICATED: 'PROVIDER_UNAUTHENTICATED',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_USER_INPUT',
  UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  BAD_RESPONSE: 'PROVIDER_BAD_RESPONSE',
  UNSUPPORTED: 'UNSUPPORTED_OPERATION',
};

/** A mistake in the request itself: a malformed id, a page size over the cap. Costs no upstream call. */
export class UserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
  }
}

/** The GraphQL form of a provider error: its message (already free of secrets), code, provider and retryAfter. */
export function toGraphQLError(error: ProviderError): GraphQLError {
  const extensions: Record<string, unknown> = { code: ERROR_CODES[error.kind], provider: error.provider };
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error.field !== undefined && error.kind === 'INVALID') extensions.field = error.field;
  return new GraphQLError(error.message, { extensions });
}

/** Rethrows provider errors as GraphQL errors; anything else stays as it is (and is masked by the gateway). */
export async function surfaced<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ProviderError) throw toGraphQLError(error);
    throw error;
  }
}

/** One id-check-to-error-value helper for the whole gateway: the providers' batch kit's. */
export { invalidOf } from '../providers/batch.js';

// Typed mutation errors: values with a kind (the schema exposes each as a type implementing `Error`), and the mapping from provider errors.
import { GraphQLError } from 'graphql';
import { ProviderError, type ProviderId } from '../../providers/types.js';

/** The base of every error a mutation returns as data. Messages never hold a password or a credential. */
export abstract class MutationError extends Error {
  constructor(
    message: string,
    /** The provider involved, or null where none is (the caller's own API key, say). */
    readonly provider: ProviderId | null,
  ) {
    super(message);
  }
}

export class ValidationError extends MutationError {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    /** Where in the mutation's arguments the problem is, such as ['input', 'members', '2', 'email']. */
    readonly path: readonly string[],
    provider: ProviderId | null = null,
  ) {
    super(message, provider);
  }
}

export class NotFoundError extends MutationError {
  override readonly name = 'NotFoundError';
}

export class ForbiddenError extends MutationError {
  override readonly name = 'ForbiddenError';
}

export class ConflictError extends MutationError {
  override readonly name = 'ConflictError';
}

export class RateLimitedError extends MutationError {
  override readonly name = 'RateLimitedError';
  constructor(
    message: string,
    provider: ProviderId | null,
    /** Seconds to wait before trying again, where the provider said. */
    readonly retryAfter: number | null,
  ) {
    super(message, provider);
  }
}

export class ProviderUnavailableError extends MutationError {
  override readonly name = 'ProviderUnavailableError';
  constructor(
    message: string,
    provider: ProviderId | null,
    /** The change may have been applied: read the state before sending it again. */
    readonly outcomeUnknown: boolean,
  ) {
    super(message, provider);
  }
}

export class UnsupportedOperationError extends MutationError {
  override readonly name = 'UnsupportedOperationError';
  constructor(
    message: string,
    override readonly provider: ProviderId,
    /** The mutation the provider cannot do, such as `setMemberRole`. */
    readonly operation: string,
  ) {
    super(message, provider);
  }
}

export interface ErrorSite {
  /** The mutation, for UnsupportedOperationError. */
  operation: string;
  /** The input path a provider's INVALID answer points at. */
  path: readonly string[];
}

/** A provider error as the typed error clients branch on. Its message is already free of secrets (see http.ts). */
export function fromProviderError(error: ProviderError, site: ErrorSite): MutationError {
  const { provider, message } = error;
  switch (error.kind) {
    case 'NOT_FOUND':
      return new NotFoundError(message, provider);
    case 'FORBIDDEN':
      return new ForbiddenError(message, provider);
    // The provider refused the gateway's own credentials: retrying will not help, an operator must fix them.
    case 'UNAUTHENTICATED':
      return new ForbiddenError(`${message} (the gateway's credentials for this provider were refused)`, provider);
    case 'CONFLICT':
      return new ConflictError(message, provider);
    case 'RATE_LIMITED':
      return new RateLimitedError(message, provider, error.retryAfter ?? null);
    case 'INVALID':
      return new ValidationError(message, site.path, provider);
    case 'UNSUPPORTED':
      return new UnsupportedOperationError(message, provider, site.operation);
    // A body we could not read after a write: whether it was applied is not known.
    case 'BAD_RESPONSE':
      return new ProviderUnavailableError(message, provider, true);
    case 'UNAVAILABLE':
      return new ProviderUnavailableError(message, provider, error.outcomeUnknown);
  }
}

/** Any failure of a mutation as a typed error where it has one: provider errors and input errors; other errors stay as they are. */
export function asMutationError(error: unknown, site: ErrorSite): unknown {
  if (error instanceof MutationError) return error;
  if (error instanceof ProviderError) return fromProviderError(error, site);
  // parseGlobalId and friends throw BAD_USER_INPUT GraphQLErrors; inside a mutation they are ValidationErrors.
  if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return new ValidationError(error.message, site.path);
  return error;
}

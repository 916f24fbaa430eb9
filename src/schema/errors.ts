// The `Error` interface and the typed errors mutations return as data, so automation branches on a type, not on a message.
import {
  ConflictError,
  ForbiddenError,
  type MutationError,
  NotFoundError,
  ProviderUnavailableError,
  RateLimitedError,
  UnsupportedOperationError,
  ValidationError,
} from '../resolvers/writes/errors.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';

export const ErrorInterface = builder.interfaceRef<MutationError>('Error').implement({
  description: 'A failure a mutation returns as data. Each type says what kind; `message` says what, in words. None holds a password.',
  // Each class's `name` is its GraphQL type's name (read through the errors plugin's wrapper as well).
  resolveType: (error) => error.name,
  fields: (t) => ({
    message: t.exposeString('message', {
      description: 'What went wrong, in a sentence for people. Branch on the type (__typename), never on this text; it never holds a password.',
    }),
    provider: t.expose('provider', {
      type: ProviderIdEnum,
      nullable: true,
      description: 'The provider involved; null where none is (the gateway refused before choosing one).',
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input is wrong; nothing was sent. `path` points at the argument, such as ["input", "members", "2", "email"].',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    path: t.stringList({
      description: 'Where in the arguments the problem is, from the argument name down, list positions as strings: ["input", "members", "2", "email"].',
      resolve: (e) => [...e.path],
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The organization, group or member does not exist (any more).',
  interfaces: [ErrorInterface],
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: "The caller's API key lacks the write scope (provider null), or the provider refused the gateway's credentials.",
  interfaces: [ErrorInterface],
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The provider refused the change as conflicting with its state (a member name already taken, say).',
  interfaces: [ErrorInterface],
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'The provider is rate limiting; nothing was applied. Try again after `retryAfter` seconds.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfter: t.exposeInt('retryAfter', {
      nullable: true,
      description: 'Seconds to wait before trying again, as the provider said (Retry-After or its rate-limit headers); null where it did not.',
    }),
  }),
});

builder.objectType(ProviderUnavailableError, {
  name: 'ProviderUnavailableError',
  description: 'The provider failed, did not answer in time, or its circuit breaker is open (Provider.healthy false).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    outcomeUnknown: t.exposeBoolean('outcomeUnknown', { description: 'The change may have been applied: read the state before sending it again.' }),
  }),
});

builder.objectType(UnsupportedOperationError, {
  name: 'UnsupportedOperationError',
  description: "The provider's API cannot do this (setMemberRole outside GitBook, say); nothing was sent.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    operation: t.exposeString('operation', { description: 'The mutation, such as setMemberRole.' }),
    provider: t.expose('provider', { type: ProviderIdEnum, description: 'The provider whose API cannot do this (never null here).' }),
  }),
});

/** Every typed error a mutation can return: provider errors of any kind map onto one of these. */
export const MUTATION_ERRORS = [
  ValidationError,
  NotFoundError,
  ForbiddenError,
  ConflictError,
  RateLimitedError,
  ProviderUnavailableError,
  UnsupportedOperationError,
] as const;

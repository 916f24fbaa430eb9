// Id checks before any call: member and group ids are UUIDs, and the only organization is the token's tenant.
import { assertIdFormat } from '../validate.js';
import { isProviderError, ProviderError, type IdRules } from '../types.js';
import { TENANT_ID } from './map.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPECTED = 'a UUID such as 3f2b8c1e-0d4a-4c5b-9e6f-7a8b9c0d1e2f';

export type IdKind = 'member id' | 'group id';

export function assertUuid(what: IdKind, value: string): void {
  assertIdFormat('GOODACCESS', what, value, UUID, EXPECTED);
}

/** GoodAccess's ids in the provider contract: UUIDs, in any case; a member is a user, under one id. */
export const GOODACCESS_ID_RULES: IdRules = {
  // The tenant is a name, not a format: any other organization id is NOT_FOUND, never malformed.
  organization() {},
  group: (id) => assertUuid('group id', id),
  member: (id) => assertUuid('member id', id),
  user: (id) => assertUuid('member id', id),
  ignoreCase: true,
  memberIdIsUserId: true,
};

/** The tenant has no id upstream; any other organization id names nothing. */
export function tenantNotFound(_organizationId: string): ProviderError {
  // The id asked for is not repeated (it came from a client); the one that exists is.
  return new ProviderError('GOODACCESS', 'NOT_FOUND', `GoodAccess has no such organization: the token's tenant is "${TENANT_ID}"`, { field: 'organizationId' });
}

export function assertTenant(organizationId: string): void {
  if (organizationId !== TENANT_ID) throw tenantNotFound(organizationId);
}

export function notFound(what: IdKind, id: string): ProviderError {
  return new ProviderError('GOODACCESS', 'NOT_FOUND', `GoodAccess has no ${what.replace(' id', '')} with id ${JSON.stringify(id)}`);
}

/**
 * Sorts a batch: each slot holds its INVALID error or its id, so a malformed id fails only its own entry;
 * `unique` has the distinct well-formed ids (UUIDs compare case-insensitively, so they are lower-cased).
 */
export function batchIds(what: IdKind, ids: readonly string[]): { slots: Array<string | ProviderError>; unique: string[] } {
  const slots = ids.map((id) => {
    try {
      assertUuid(what, id);
      return id.toLowerCase();
    } catch (error) {
      if (isProviderError(error)) return error;
      throw error;
    }
  });
  const unique = [...new Set(slots.filter((slot): slot is string => typeof slot === 'string'))];
  return { slots, unique };
}

/** Fills the batch's slots from the records read (nulls are ids found missing), in input order; a missing id is NOT_FOUND. */
export function fillSlots<T>(
  what: IdKind,
  slots: Array<string | ProviderError>,
  records: ReadonlyArray<T | null>,
  idOf: (record: T) => string,
): Array<T | ProviderError> {
  const found = new Map<string, T>();
  for (const record of records) if (record !== null) found.set(idOf(record).toLowerCase(), record);
  return slots.map((slot) => (typeof slot === 'string' ? (found.get(slot) ?? notFound(what, slot)) : slot));
}

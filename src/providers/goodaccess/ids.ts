// Id checks before any call: member and group ids are UUIDs, and the only organization is the token's tenant.
import { assertIdFormat } from '../validate.js';
import { ProviderError, type IdRules } from '../types.js';

/** The one organization id: the tenant is implied by the token, so the id is a fixed name. */
export const TENANT_ID = 'tenant';

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

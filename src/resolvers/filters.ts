// List filters split into what the provider applies itself and what is applied here, on full pages, so paging stays exact.
import type { GroupListFilter, GroupRecord, MemberListFilter, MemberRecord, MemberRole, ProviderId } from '../providers/types.js';
import type { ReadContext } from './read-context.js';

export interface MemberFilterInput {
  status?: MemberListFilter['status'] | null;
  role?: MemberRole[] | null;
  emailContains?: string | null;
}

/** A filter in two parts: what the provider's list call applies (undefined: none), and the test applied here (undefined: none). */
export interface SplitFilter<T, S> {
  server: S | undefined;
  keep: ((item: T) => boolean) | undefined;
}

/** A member filter: status and e-mail go to the provider where it filters them; roles are always checked here. */
export function memberFilters(
  ctx: ReadContext,
  provider: ProviderId,
  input: MemberFilterInput | null | undefined,
): SplitFilter<MemberRecord, MemberListFilter> {
  const { filters } = ctx.registry.adapter(provider).capabilities;
  const status = input?.status?.length ? input.status : undefined;
  const roles = input?.role?.length ? input.role : undefined;
  const email = input?.emailContains ? input.emailContains.toLowerCase() : undefined;
  const server: MemberListFilter = {};
  if (status && filters.status) server.status = status;
  if (email && filters.emailContains) server.emailContains = email;
  const localStatus = status && !filters.status ? status : undefined;
  const localEmail = email && !filters.emailContains ? email : undefined;
  const keep =
    localStatus || localEmail || roles
      ? (m: MemberRecord) =>
          (!localStatus || localStatus.includes(m.status)) &&
          (!localEmail || (m.email ?? '').toLowerCase().includes(localEmail)) &&
          (!roles || (m.role !== null && roles.includes(m.role)))
      : undefined;
  return { server: Object.keys(server).length ? server : undefined, keep };
}

/**
 * A group filter: the name (a case-insensitive substring, `needle` lower-cased) goes to the provider where it
 * filters names; the parent (only the children of `parentId`, on hierarchical providers) is always checked here.
 */
export function groupFilters(
  ctx: ReadContext,
  provider: ProviderId,
  name: string | null | undefined,
  parentId: string | undefined,
): SplitFilter<GroupRecord, GroupListFilter> & { needle: string | undefined } {
  const { filters } = ctx.registry.adapter(provider).capabilities;
  const needle = name ? name.toLowerCase() : undefined;
  const serverName = needle && filters.groupName ? needle : undefined;
  const localName = needle && !filters.groupName ? needle : undefined;
  const keep =
    localName !== undefined || parentId !== undefined
      ? (g: GroupRecord) => (!localName || g.name.toLowerCase().includes(localName)) && (parentId === undefined || g.parentId === parentId)
      : undefined;
  return { server: serverName ? { name: serverName } : undefined, keep, needle };
}

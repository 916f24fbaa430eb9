// Group↔member relations: list a group's members, create a relation (409 if it exists), remove one (404 if absent).
import type { SimRequest, SimRoute } from '../core/types.js';
import { SimError } from '../core/types.js';
import { isUuid, memberNotFound, requireWriteScope } from './errors.js';
import { findGroup } from './routes-groups.js';
import type { GroupState, MemberState, TenantHolder } from './state.js';
import { memberListItem } from './views.js';

// [infer] the docs name a group↔member relation but not its paths; these follow the access-card relation routes.
export function relationRoutes(tenant: TenantHolder): SimRoute[] {
  const pairOf = (req: SimRequest): { group: GroupState; member: MemberState; memberIds: Set<string> } => {
    const group = findGroup(tenant, req.params.groupId ?? '');
    const id = req.params.teamMemberId ?? '';
    const member = isUuid(id) ? tenant.state.members.get(id.toLowerCase()) : undefined;
    if (!member) throw memberNotFound(id);
    const memberIds = tenant.state.relations.get(group.id) as Set<string>;
    return { group, member, memberIds };
  };

  return [
    {
      method: 'GET',
      template: '/relation/group/{groupId}/members',
      // [infer] list-shaped items, no paging, like GET /members.
      handler: (req) => {
        const group = findGroup(tenant, req.params.groupId ?? '');
        return { status: 200, body: tenant.state.groupMembers(group.id).map(memberListItem) };
      },
    },
    {
      method: 'POST',
      template: '/relation/group/{groupId}/member/{teamMemberId}',
      handler: (req) => {
        requireWriteScope(req);
        const { member, memberIds } = pairOf(req);
        if (memberIds.has(member.id)) throw new SimError(409, 'Relation already exists');
        memberIds.add(member.id);
        return { status: 200, body: { message: 'Relation created successfully' } };
      },
    },
    {
      method: 'DELETE',
      template: '/relation/group/{groupId}/member/{teamMemberId}',
      handler: (req) => {
        requireWriteScope(req);
        const { member, memberIds } = pairOf(req);
        if (!memberIds.has(member.id)) throw new SimError(404, 'Relation does not exist');
        memberIds.delete(member.id);
        return { status: 200, body: { message: 'Relation removed successfully' } };
      },
    },
  ];
}

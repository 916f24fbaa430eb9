// Member routes: the plural list, the singular get/create/update/delete, and disconnect (ends VPN sessions).
import type { SimRequest, SimRoute } from '../core/types.js';
import { SimError } from '../core/types.js';
import { nameField, objectBody, passwordField } from './body.js';
import { isUuid, memberNotFound, requireWriteScope } from './errors.js';
import type { MemberState, TenantHolder } from './state.js';
import { memberDetail, memberListItem } from './views.js';

export function memberRoutes(tenant: TenantHolder): SimRoute[] {
  const findMember = (req: SimRequest): MemberState => {
    const id = req.params.teamMemberId ?? '';
    const member = isUuid(id) ? tenant.state.members.get(id.toLowerCase()) : undefined;
    if (!member) throw memberNotFound(id);
    return member;
  };

  return [
    {
      method: 'GET',
      template: '/members',
      // No paging and no filters: the whole tenant in one array.
      handler: () => ({ status: 200, body: [...tenant.state.members.values()].map(memberListItem) }),
    },
    {
      method: 'GET',
      template: '/member/{teamMemberId}',
      handler: (req) => ({ status: 200, body: memberDetail(findMember(req)) }),
    },
    {
      method: 'POST',
      template: '/member',
      handler: (req) => {
        requireWriteScope(req);
        const body = objectBody(req);
        const name = nameField(body, true) as string;
        const password = passwordField(body, true) as string;
        const state = tenant.state;
        // [infer] names are unique; the message echoes the name (a client must not assume it is harmless).
        if (state.memberNameTaken(name)) throw new SimError(409, `A member named '${name}' already exists.`);
        const id = state.newId();
        state.addMember({
          id,
          name,
          // [infer] the body has no e-mail field: the given name is also the login identity.
          username: name,
          avatar: `https://www.gravatar.com/avatar/${state.prng.hex(32)}?d=mp`,
          createdAt: Math.floor(Date.now() / 1000) * 1000,
          blocked: false,
          mfaActive: false,
          password,
          sessions: 0,
        });
        // 200, not 201, as the docs show.
        return { status: 200, body: { created_id: id, message: 'Member created successfully' } };
      },
    },
    {
      method: 'PUT',
      template: '/member/{teamMemberId}',
      handler: (req) => {
        requireWriteScope(req);
        const member = findMember(req);
        const body = objectBody(req);
        // [infer] a partial update: absent fields keep their value; an empty body changes nothing.
        const name = nameField(body, false);
        const password = passwordField(body, false);
        if (name !== undefined && tenant.state.memberNameTaken(name, member.id)) {
          throw new SimError(409, `A member named '${name}' already exists.`);
        }
        if (name !== undefined) member.name = name;
        if (password !== undefined) member.password = password;
        return { status: 200, body: { message: `Member with id ${member.id} has been modified.` } };
      },
    },
    {
      method: 'DELETE',
      template: '/member/{teamMemberId}',
      handler: (req) => {
        requireWriteScope(req);
        const member = findMember(req);
        tenant.state.deleteMember(member.id);
        // "User", not "Member": the docs' own wording. Deleting again is a 404. [infer]
        return { status: 200, body: { message: `User with id ${member.id} has been removed.` } };
      },
    },
    {
      method: 'POST',
      template: '/member/{teamMemberId}/disconnect',
      handler: (req) => {
        requireWriteScope(req);
        const member = findMember(req);
        // [infer] idempotent: 200 even with no session; the body shape is a guess.
        member.sessions = 0;
        return { status: 200, body: { message: `Member with id ${member.id} has been disconnected.` } };
      },
    },
  ];
}

// Group routes: plural list, singular get/create/update/delete; group names are unique (409).
import type { SimRequest, SimRoute } from '../core/types.js';
import { SimError } from '../core/types.js';
import { booleanField, nameField, objectBody } from './body.js';
import { groupNotFound, isUuid, requireWriteScope } from './errors.js';
import type { GroupState, TenantHolder } from './state.js';
import { groupItem } from './views.js';

const FLAGS = [
  ['forced_always_on_included', 'forcedAlwaysOnIncluded'],
  ['forced_always_on_excluded', 'forcedAlwaysOnExcluded'],
  ['geo_restriction_included', 'geoRestrictionIncluded'],
] as const;

export function findGroup(tenant: TenantHolder, id: string): GroupState {
  const group = isUuid(id) ? tenant.state.groups.get(id.toLowerCase()) : undefined;
  if (!group) throw groupNotFound(id);
  return group;
}

export function groupRoutes(tenant: TenantHolder): SimRoute[] {
  const groupOf = (req: SimRequest): GroupState => findGroup(tenant, req.params.groupId ?? '');
  const conflict = (name: string): SimError => new SimError(409, `Group with name '${name}' already exists.`);

  return [
    {
      method: 'GET',
      template: '/groups',
      handler: () => ({ status: 200, body: [...tenant.state.groups.values()].map(groupItem) }),
    },
    {
      method: 'GET',
      template: '/group/{groupId}',
      handler: (req) => ({ status: 200, body: groupItem(groupOf(req)) }),
    },
    {
      method: 'POST',
      template: '/group',
      handler: (req) => {
        requireWriteScope(req);
        const body = objectBody(req);
        const name = nameField(body, true) as string;
        const group: GroupState = {
          id: '',
          name,
          forcedAlwaysOnIncluded: false,
          forcedAlwaysOnExcluded: false,
          geoRestrictionIncluded: false,
        };
        for (const [field, key] of FLAGS) group[key] = booleanField(body, field) ?? false;
        if (tenant.state.groupNameTaken(name)) throw conflict(name);
        group.id = tenant.state.newId();
        tenant.state.addGroup(group);
        return { status: 200, body: { created_id: group.id, message: 'Group created successfully' } };
      },
    },
    {
      method: 'PUT',
      template: '/group/{groupId}',
      handler: (req) => {
        requireWriteScope(req);
        const group = groupOf(req);
        const body = objectBody(req);
        // [infer] partial update, like members.
        const name = nameField(body, false);
        const flags = FLAGS.map(([field, key]) => [key, booleanField(body, field)] as const);
        if (name !== undefined && tenant.state.groupNameTaken(name, group.id)) throw conflict(name);
        if (name !== undefined) group.name = name;
        for (const [key, value] of flags) if (value !== undefined) group[key] = value;
        return { status: 200, body: { message: `Group with id ${group.id} has been modified.` } };
      },
    },
    {
      method: 'DELETE',
      template: '/group/{groupId}',
      handler: (req) => {
        requireWriteScope(req);
        const group = groupOf(req);
        tenant.state.deleteGroup(group.id); // its relations go with it; the members stay
        return { status: 200, body: { message: `Group with id ${group.id} has been removed.` } };
      },
    },
  ];
}

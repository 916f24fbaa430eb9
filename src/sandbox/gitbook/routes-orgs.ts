// Organization routes: GET /orgs and GET /orgs/{organizationId}.
import type { SimRoute } from '../core/types.js';
import { paginate } from './paging.js';
import { findOrg, type GitBookWorld } from './state.js';
import { organizationView } from './views.js';

export function organizationRoutes(world: () => GitBookWorld): SimRoute[] {
  return [
    {
      method: 'GET',
      template: '/orgs',
      handler: (req) => {
        const orgs = world().orgs;
        // [infer] The sandbox tokens belong to a user who is a member of every seeded organization.
        return { status: 200, body: paginate(req, 'orgs', orgs.keys(), (id) => organizationView(orgs.get(id)!)) };
      },
    },
    {
      method: 'GET',
      template: '/orgs/{organizationId}',
      handler: (req) => ({ status: 200, body: organizationView(findOrg(world(), req.params.organizationId ?? '')) }),
    },
  ];
}

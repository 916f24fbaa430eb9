// The GoodAccess "Customer" API v1 simulator: members, groups, group relations and VPN disconnect under /api/v1.
import type { SimulatedAccess } from '../company/access.js';
import { type CompanyDirectory, companyDirectory } from '../company/directory.js';
import type { SimRoute, Simulator } from '../core/types.js';
import { goodAccessAccess } from './access.js';
import { authenticate, errorResponse, READ_ONLY_TOKEN, READ_WRITE_TOKEN } from './errors.js';
import { memberRoutes } from './routes-members.js';
import { groupRoutes } from './routes-groups.js';
import { relationRoutes } from './routes-relations.js';
import { buildSeed, SEED_GROUP_NAMES, SEED_MEMBER_COUNT } from './seed.js';
import type { TenantHolder, TenantState } from './state.js';

export const GOODACCESS_DEFAULT_SEED = 0x600d;

export interface GoodAccessSimulatorOptions {
  seed?: number;
  /** The people to seed (default: the company directory's default seed), shared with the other simulators. */
  directory?: CompanyDirectory;
}

export interface GoodAccessSimulator extends Simulator {
  /** The live in-memory tenant (for tests and tools that need ids or hidden state). */
  readonly state: TenantState;
  /** Active VPN sessions of a member (the API never shows it); undefined for an unknown member. */
  activeSessions(memberId: string): number | undefined;
  /** Simulates a VPN client connecting, so a disconnect has something to end. */
  openSession(memberId: string): void;
  /** What the person with this e-mail reaches here now (any case): read from the live state, for tests and checks. */
  accessOf(email: string): SimulatedAccess[];
}

export function createGoodAccessSimulator(options: GoodAccessSimulatorOptions = {}): GoodAccessSimulator {
  const seed = options.seed ?? GOODACCESS_DEFAULT_SEED;
  const directory = options.directory ?? companyDirectory();
  const tenant: TenantHolder = { state: buildSeed(seed, directory) };

  const routes: SimRoute[] = [
    {
      method: 'GET',
      template: '/test-connection',
      // [infer] checks the token like every other route: it is how an integration verifies its credentials.
      handler: () => ({ status: 200, body: { message: 'Connection has been established successfully.' } }),
    },
    ...memberRoutes(tenant),
    ...groupRoutes(tenant),
    ...relationRoutes(tenant),
  ];

  return {
    name: 'GoodAccess',
    basePath: '/api/v1',
    routes,
    authenticate,
    errorResponse: (status, message) => errorResponse(status, message),
    reset() {
      tenant.state = buildSeed(seed, directory);
    },
    get state() {
      return tenant.state;
    },
    accessOf: (email: string) => goodAccessAccess(tenant.state, email),
    activeSessions(memberId) {
      return tenant.state.members.get(memberId)?.sessions;
    },
    openSession(memberId) {
      const member = tenant.state.members.get(memberId);
      if (!member) throw new Error(`no member ${memberId}`);
      member.sessions += 1;
    },
    describe() {
      const groups = [...tenant.state.groups.values()];
      const firstMember = tenant.state.members.values().next().value;
      return {
        credentials: `Authorization: Bearer ${READ_WRITE_TOKEN} (read-write); Bearer ${READ_ONLY_TOKEN} (read-only: writes get 403)`,
        notes: [
          `${SEED_MEMBER_COUNT} members and ${SEED_GROUP_NAMES.length} groups (${SEED_GROUP_NAMES.at(-1)} is empty); no paging`,
          'No organization id: the token is the tenant',
          ...groups.slice(0, 2).map((g) => `group ${g.name}: ${g.id}`),
          ...(firstMember ? [`member ${firstMember.username}: ${firstMember.id}`] : []),
        ],
      };
    },
  };
}

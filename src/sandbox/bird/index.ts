// The Bird (Accounts API) simulator: teams and team members of one seeded organization, at the root path.
import type { SimulatedAccess } from '../company/access.js';
import { type CompanyDirectory, companyDirectory } from '../company/directory.js';
import type { SimRequest, SimResponse, SimRoute, Simulator, SimError } from '../core/types.js';
import { birdAccess } from './access.js';
import { READ_ONLY_KEY, READ_WRITE_KEY, authenticate } from './auth.js';
import { birdErrorResponse } from './errors.js';
import { memberRoutes } from './routes-members.js';
import { teamRoutes } from './routes-teams.js';
import { seedWorld } from './seed.js';
import type { Accessibility, BirdWorld, TeamMemberStatus, Visibility } from './state.js';

export interface BirdSimulatorOptions {
  seed?: number;
  /** The people to seed (default: the company directory's default seed), shared with the other simulators. */
  directory?: CompanyDirectory;
}

/** What tests and tools can read of the world without going through HTTP. */
export interface BirdWorldSnapshot {
  organizationId: string;
  userIds: string[];
  teams: Array<{
    id: string;
    name: string;
    visibility: Visibility;
    accessibility: Accessibility;
    members: Array<{ id: string; status: TeamMemberStatus }>;
  }>;
}

export interface BirdSimulator extends Simulator {
  /** The seeded organization's UUID: fixed for a given seed (Bird has no organization listing). */
  readonly organizationId: string;
  /** The current state, as plain data. */
  snapshot(): BirdWorldSnapshot;
  /** What the person with this e-mail reaches here now (any case; by the directory e-mail Bird never shows): read from the live state, for tests and checks. */
  accessOf(email: string): SimulatedAccess[];
}

export const DEFAULT_BIRD_SEED = 2002;

export function createBirdSimulator(options: BirdSimulatorOptions = {}): BirdSimulator {
  const seed = options.seed ?? DEFAULT_BIRD_SEED;
  const directory = options.directory ?? companyDirectory();
  let world: BirdWorld = seedWorld(seed, directory);
  const current = (): BirdWorld => world;
  const routes: SimRoute[] = [...teamRoutes(current), ...memberRoutes(current)];

  return {
    name: 'Bird',
    basePath: '',
    routes,
    get organizationId() {
      return world.organizationId;
    },
    facts: () => ({ organizationId: world.organizationId }),
    authenticate: (req: SimRequest) => authenticate(req),
    errorResponse: (status: number, message: string, error?: SimError): SimResponse => birdErrorResponse(status, message, error),
    reset() {
      world = seedWorld(seed, directory);
    },
    describe() {
      const teams = [...world.teams.values()];
      const big = teams.reduce<(typeof teams)[number] | undefined>((a, b) => (a && a.members.size >= b.members.size ? a : b), undefined);
      const notes = [
        `organizationId ${world.organizationId} (Bird has no organization listing: configure it)`,
        `${teams.length} teams, ${world.users.size} users in the directory`,
      ];
      if (big) notes.push(`largest team "${big.name}" ${big.id}: ${big.members.size} members`);
      return {
        credentials: `Authorization: AccessKey ${READ_WRITE_KEY} (or Bearer ${READ_WRITE_KEY}); read-only: ${READ_ONLY_KEY}`,
        notes,
      };
    },
    accessOf: (email: string) => birdAccess(world, email),
    snapshot() {
      return {
        organizationId: world.organizationId,
        userIds: [...world.users.keys()],
        teams: [...world.teams.values()].map((team) => ({
          id: team.id,
          name: team.name,
          visibility: team.visibility,
          accessibility: team.accessibility,
          members: [...team.members.values()].map((m) => ({ id: m.userId, status: m.status })),
        })),
      };
    },
  };
}

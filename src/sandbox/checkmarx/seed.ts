// The seeded CxSAST world from the company directory: a team tree four to six levels deep, 60 users, the system roles.
import { type CompanyAccountEntry, type CompanyDirectory, exactly } from '../company/directory.js';
import { skipNameDraws } from '../company/names.js';
import { Prng } from '../core/prng.js';
import { dotNetDate } from './dates.js';
import { AccessControlState, MANAGE_USERS_PERMISSION, type Role } from './state.js';

export const SANDBOX_PASSWORD = 'sandbox';
const USER_COUNT = 60;

/** Ids the README and tests can rely on (the seed builds them in this order). */
export const SEEDED = {
  rootTeamId: 1,
  companyTeamId: 3,
  /** /CxServer/SP/Company/Engineering: the big team. */
  bigTeamId: 4,
  bigTeamSize: 34,
  /** /CxServer/SP/Company/Engineering/Backend/Payments: six levels deep. */
  deepTeamId: 6,
  /** /CxServer/SP/Company/Archive: no members. */
  emptyTeamId: 12,
  adminUserId: 1,
  viewerUserId: 2,
  userCount: USER_COUNT,
  teamCount: 12,
} as const;

const ROLES: ReadonlyArray<Omit<Role, 'id'>> = [
  { name: 'Admin', description: 'All permissions', isSystemRole: true, permissionIds: range(1, 20) },
  { name: 'SAST Admin', description: 'Manages scans, presets and engines', isSystemRole: true, permissionIds: [1, 2, 3, 4, 5, 6, 7, 8] },
  { name: 'SAST Auditor', description: 'Audits results and edits queries', isSystemRole: true, permissionIds: [1, 2, 9] },
  { name: 'SAST Reviewer', description: 'Reviews and triages results', isSystemRole: true, permissionIds: [1, 2, 10] },
  { name: 'SAST Scanner', description: 'Creates projects and runs scans', isSystemRole: true, permissionIds: [1, 3, 4] },
  { name: 'SAST Viewer', description: 'Views projects and results', isSystemRole: true, permissionIds: [1] },
  { name: 'Access Control Manager', description: 'Manages users, teams and roles', isSystemRole: true, permissionIds: [MANAGE_USERS_PERMISSION, 15, 16] },
];
const ADMIN_ROLE = 1;
const VIEWER_ROLE = 6;
const ACCESS_MANAGER_ROLE = 7;

const JOB_TITLES = ['Developer', 'Senior Developer', 'Team Lead', 'QA Engineer', 'Security Champion', 'DevOps Engineer', 'Architect'];
const COUNTRIES = ['Germany', 'Israel', 'Portugal', 'United States', 'India', 'Japan', 'Brazil'];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function buildTeams(state: AccessControlState): void {
  const root = state.addTeam('CxServer', 0); // [infer] the root's parentId sentinel is 0
  const sp = state.addTeam('SP', root.id);
  const company = state.addTeam('Company', sp.id);
  const engineering = state.addTeam('Engineering', company.id);
  const backend = state.addTeam('Backend', engineering.id);
  state.addTeam('Payments', backend.id);
  state.addTeam('Frontend', engineering.id);
  const security = state.addTeam('Security', company.id);
  state.addTeam('AppSec', security.id);
  state.addTeam('QA', company.id);
  state.addTeam('Operations', company.id);
  state.addTeam('Archive', company.id);
}

function timestamp(prng: Prng, from: string, to: string): number {
  return prng.timeBetween(from, to) + prng.int(0, 999);
}

/** The directory's two sandbox logins (ids 1 and 2) and its people with a Checkmarx user (ids 3 to 60), in order. */
function checkmarxPeople(directory: CompanyDirectory): { admin: CompanyAccountEntry; viewer: CompanyAccountEntry; people: readonly CompanyAccountEntry[] } {
  const entries = exactly(directory.accountsIn('checkmarx'), USER_COUNT, 'Checkmarx users');
  const login = (name: string) => {
    const entry = entries.find((e) => e.person.affiliation === 'service' && e.person.email.startsWith(`${name}@`));
    if (!entry) throw new Error(`the company directory has no Checkmarx login ${name}`);
    return entry;
  };
  return { admin: login('admin'), viewer: login('viewer'), people: entries.filter((e) => e.person.affiliation !== 'service') };
}

function buildUsers(state: AccessControlState, prng: Prng, directory: CompanyDirectory): void {
  const { admin, viewer, people } = checkmarxPeople(directory);
  const base = {
    authenticationProviderId: 1,
    phoneNumber: null,
    cellPhoneNumber: null,
    other: null,
    allowedIpList: [] as string[],
    localeId: 1,
  };
  const created = timestamp(prng, '2019-01-01T00:00:00Z', '2019-02-01T00:00:00Z');
  state.addUser({
    ...base,
    userName: 'admin',
    password: SANDBOX_PASSWORD,
    lastLoginDate: dotNetDate(timestamp(prng, '2024-05-01T00:00:00Z', '2024-06-30T00:00:00Z'), prng.int(0, 9999)),
    roleIds: [ADMIN_ROLE],
    creationDate: dotNetDate(created, prng.int(0, 9999)),
    firstName: admin.person.firstName,
    lastName: admin.person.lastName,
    email: admin.person.email,
    jobTitle: 'Administrator',
    country: null,
    active: true,
    expirationDate: dotNetDate(Date.parse('2030-01-01T00:00:00Z'), 0),
  });
  state.addUser({
    ...base,
    userName: 'viewer',
    password: SANDBOX_PASSWORD,
    lastLoginDate: null,
    roleIds: [VIEWER_ROLE],
    creationDate: dotNetDate(created + 3_600_000, prng.int(0, 9999)),
    firstName: viewer.person.firstName,
    lastName: viewer.person.lastName,
    email: viewer.person.email,
    jobTitle: null,
    country: null,
    active: true,
    expirationDate: dotNetDate(Date.parse('2030-01-01T00:00:00Z'), 0),
  });

  for (const [position, { person, email: shown }] of people.entries()) {
    const index = position + 3;
    skipNameDraws(prng);
    // Every Checkmarx user has an e-mail (the directory hides none here); it may be another case of theirs.
    const email = shown ?? person.email;
    const createdAt = timestamp(prng, '2019-02-01T00:00:00Z', '2023-12-31T00:00:00Z');
    // Every eighth user is deactivated; about half of those never logged in. [infer] lastLoginDate is null then.
    const active = index % 8 !== 5;
    const neverLoggedIn = !active && prng.chance(0.5);
    const lastLogin = timestamp(prng, new Date(createdAt).toISOString(), '2024-06-30T00:00:00Z');
    const role = index % 17 === 0 ? ACCESS_MANAGER_ROLE : prng.pick([2, 3, 4, 5, VIEWER_ROLE]);
    state.addUser({
      ...base,
      userName: person.email.split('@')[0] as string,
      password: prng.hex(16),
      lastLoginDate: neverLoggedIn ? null : dotNetDate(lastLogin, prng.int(0, 9999)),
      roleIds: role === VIEWER_ROLE || prng.chance(0.7) ? [role] : [role, VIEWER_ROLE],
      creationDate: dotNetDate(createdAt, prng.int(0, 9999)),
      firstName: person.firstName,
      lastName: person.lastName,
      email,
      phoneNumber: prng.chance(0.3) ? `+1-555-01${String(index).padStart(2, '0')}` : null,
      jobTitle: prng.chance(0.6) ? prng.pick(JOB_TITLES) : null,
      country: prng.chance(0.5) ? prng.pick(COUNTRIES) : null,
      active,
      expirationDate: dotNetDate(createdAt + 4 * 365 * 86_400_000, 0),
    });
  }
}

/** Engineering gets 34 of the generated users (SEEDED.bigTeamSize); everyone else lands in one or two of the other teams. */
function buildMembership(state: AccessControlState, prng: Prng): void {
  const join = (teamId: number, userId: number) => state.members.get(teamId)?.add(userId);
  join(SEEDED.rootTeamId, SEEDED.adminUserId);
  join(SEEDED.companyTeamId, SEEDED.viewerUserId);

  const generated = range(3, USER_COUNT);
  for (let i = generated.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [generated[i], generated[j]] = [generated[j] as number, generated[i] as number];
  }
  const engineering = new Set(generated.slice(0, SEEDED.bigTeamSize));
  const others = [5, 6, 7, 8, 9, 10, 11];
  for (const userId of generated) {
    if (engineering.has(userId)) join(SEEDED.bigTeamId, userId);
    if (!engineering.has(userId) || prng.chance(0.35)) join(prng.pick(others), userId);
    if (prng.chance(0.15)) join(prng.pick(others), userId);
  }
}

export function seedWorld(seed: number, directory: CompanyDirectory): AccessControlState {
  const prng = new Prng(seed);
  const state = new AccessControlState();
  ROLES.forEach((role, i) => state.roles.push({ id: i + 1, ...role }));
  buildTeams(state);
  buildUsers(state, prng, directory);
  buildMembership(state, prng);
  return state;
}

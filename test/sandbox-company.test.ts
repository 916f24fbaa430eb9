// The sandbox company: one seeded directory of people that the five simulators seed from, and agree with.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET } from '../src/sandbox/checkmarx/index.js';
import type { CloudflareSimulator } from '../src/sandbox/cloudflare/index.js';
import type { GitBookSimulator } from '../src/sandbox/gitbook/index.js';
import type { GoodAccessSimulator } from '../src/sandbox/goodaccess/index.js';
import {
  companyDirectory,
  EMAIL_PROVIDERS,
  SANDBOX_PROVIDERS,
  startSandbox,
  type CompanyPerson,
  type Sandbox,
  type SandboxProvider,
} from '../src/sandbox/index.js';

const directory = companyDirectory();
const providersOf = (person: CompanyPerson) => new Set(person.accounts.map((account) => account.provider));
const emailsIn = (provider: SandboxProvider, organization: 'acme' | 'side-project' = 'acme') =>
  directory.accountsIn(provider, organization).map((entry) => entry.email);

describe('the company directory', () => {
  it('is the same for the same seed and another for another seed', () => {
    const again = companyDirectory(directory.seed);
    expect(again.people.map((p) => [p.email, p.displayName, p.accounts])).toEqual(directory.people.map((p) => [p.email, p.displayName, p.accounts]));
    const other = companyDirectory(directory.seed + 1);
    expect(other.people.map((p) => p.email)).not.toEqual(directory.people.map((p) => p.email));
    expect(other.people).toHaveLength(directory.people.length);
  });

  it('gives every provider the members its simulator promises', () => {
    const sizes = Object.fromEntries(SANDBOX_PROVIDERS.map((provider) => [provider, directory.accountsIn(provider).length]));
    expect(sizes).toEqual({ goodaccess: 40, gitbook: 1_310, bird: 300, checkmarx: 60, cloudflare: 700 });
    expect(directory.accountsIn('gitbook', 'side-project')).toHaveLength(9);
    expect(directory.accountsIn('cloudflare', 'side-project')).toHaveLength(12);
    expect(directory.accountsIn('gitbook').filter((entry) => entry.person.affiliation === 'partner')).toHaveLength(93);
  });

  it('has one e-mail per person, unique without regard to case, found in any case', () => {
    const lower = directory.people.map((person) => person.email.toLowerCase());
    expect(new Set(lower).size).toBe(directory.people.length);
    expect(directory.people.every((person) => person.email === person.email.toLowerCase())).toBe(true);
    for (const person of directory.people.slice(0, 50)) expect(directory.person(`  ${person.email.toUpperCase()} `)).toBe(person);
    expect(directory.person('nobody@acme.example')).toBeUndefined();
  });

  it('puts many people in several providers, and some in one provider only, in every provider', () => {
    const several = directory.people.filter((person) => providersOf(person).size > 1);
    expect(several.length).toBeGreaterThan(700);
    for (const provider of SANDBOX_PROVIDERS) {
      const only = directory.people.filter((person) => providersOf(person).size === 1 && providersOf(person).has(provider));
      expect(only.length, provider).toBeGreaterThan(0);
    }
    for (const a of EMAIL_PROVIDERS) {
      for (const b of EMAIL_PROVIDERS) {
        if (a < b) expect(several.filter((p) => providersOf(p).has(a) && providersOf(p).has(b)).length, `${a} and ${b}`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('spells a handful of e-mails in another case in one provider, each person joinable through another provider', () => {
    const variants = directory.people.flatMap((person) =>
      person.accounts.filter((account) => account.email !== null && account.email !== person.email).map((account) => ({ person, account })),
    );
    expect(variants.length).toBeGreaterThanOrEqual(5);
    expect(variants.length).toBeLessThanOrEqual(10);
    for (const { person, account } of variants) {
      expect(account.email?.toLowerCase()).toBe(person.email);
      const elsewhere = person.accounts.filter((other) => other.provider !== account.provider && other.email === person.email);
      expect(
        elsewhere.some((other) => EMAIL_PROVIDERS.includes(other.provider)),
        person.email,
      ).toBe(true);
    }
  });

  it('has people who share a name but not an e-mail, never both in GoodAccess', () => {
    const byName = new Map<string, CompanyPerson[]>();
    for (const person of directory.people) byName.set(person.displayName, [...(byName.get(person.displayName) ?? []), person]);
    const shared = [...byName.values()].filter((people) => people.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const people of shared) {
      expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
      expect(people.filter((p) => providersOf(p).has('goodaccess')).length).toBeLessThanOrEqual(1);
    }
  });

  it('names an e-mail to try: a person in all five providers, shown as it is wherever e-mails are shown', () => {
    const person = directory.person(directory.tryEmail) as CompanyPerson;
    expect([...providersOf(person)].sort()).toEqual([...SANDBOX_PROVIDERS].sort());
    for (const account of person.accounts) {
      expect(account.email).toBe(EMAIL_PROVIDERS.includes(account.provider) ? person.email : null);
    }
  });
});

describe('the simulators, seeded from the directory', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.stop());

  it('shares one directory with the sandbox, and its e-mail to try', () => {
    expect(sandbox.directory).toBe(directory);
    expect(sandbox.tryEmail).toBe(directory.tryEmail);
  });

  it('GitBook: its users are the directory people, with their names and e-mails as the directory spells them', () => {
    const sim = sandbox.servers.gitbook.simulator as GitBookSimulator;
    const { world } = sim;
    const inOrg = (orgId: string) => [...(world.orgs.get(orgId)?.members.keys() ?? [])].map((id) => world.users.get(id));
    // Guests (partners) sit at every 14th place among the staff: compared as sorted lists.
    const sorted = (values: ReadonlyArray<string | null | undefined>) => values.map(String).sort();
    const main = inOrg(world.ids.mainOrganizationId);
    expect(sorted(main.map((user) => user?.email))).toEqual(sorted(emailsIn('gitbook')));
    expect(sorted(main.map((user) => `${user?.displayName} ${user?.email}`))).toEqual(
      sorted(directory.accountsIn('gitbook').map((entry) => `${entry.person.displayName} ${entry.email}`)),
    );
    expect(main.filter((user) => user?.email === null)).toHaveLength(13);
    expect(inOrg(world.ids.smallOrganizationId).map((user) => user?.email)).toEqual(emailsIn('gitbook', 'side-project'));
  });

  it('Cloudflare: its account members are the directory people, under the e-mails the directory gives them', () => {
    const sim = sandbox.servers.cloudflare.simulator as CloudflareSimulator;
    expect(sim.accountMembers(sim.ids.mainAccountId).map((member) => member.email)).toEqual(emailsIn('cloudflare'));
    expect(sim.accountMembers(sim.ids.smallAccountId).map((member) => member.email)).toEqual(emailsIn('cloudflare', 'side-project'));
  });

  it('GoodAccess: its members are the directory people, names unique', () => {
    const { state } = sandbox.servers.goodaccess.simulator as GoodAccessSimulator;
    const members = [...state.members.values()];
    expect(members.map((member) => member.username)).toEqual(emailsIn('goodaccess'));
    expect(members.map((member) => member.name)).toEqual(directory.accountsIn('goodaccess').map((entry) => entry.person.displayName));
    expect(new Set(members.map((member) => member.name)).size).toBe(40);
  });

  it('Checkmarx: its users over the API are the directory people, the sandbox logins first', async () => {
    const base = sandbox.baseUrls.checkmarx;
    const form = {
      username: 'admin',
      password: 'sandbox',
      grant_type: 'password',
      scope: 'access_control_api',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    };
    const token = (await (await fetch(`${base}/auth/identity/connect/token`, { method: 'POST', body: new URLSearchParams(form) })).json()) as {
      access_token: string;
    };
    const response = await fetch(`${base}/auth/Users`, { headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json;v=1.0' } });
    const users = (await response.json()) as Array<{ id: number; userName: string; email: string; firstName: string; lastName: string }>;
    const entries = directory.accountsIn('checkmarx');
    const logins = entries.filter((entry) => entry.person.affiliation === 'service');
    const ordered = [...logins, ...entries.filter((entry) => entry.person.affiliation !== 'service')];
    expect(users.map((user) => user.email)).toEqual(ordered.map((entry) => entry.email));
    expect(users.map((user) => `${user.firstName} ${user.lastName}`)).toEqual(ordered.map((entry) => entry.person.displayName));
    expect(users.slice(0, 2).map((user) => user.userName)).toEqual(['admin', 'viewer']);
  });

  it('accessOf: the person to try everywhere, organizations and groups, read from the live state', async () => {
    const access = sandbox.accessOf(directory.tryEmail.toUpperCase());
    expect(new Set(access.map((entry) => entry.provider))).toEqual(new Set(SANDBOX_PROVIDERS));
    for (const provider of SANDBOX_PROVIDERS) {
      expect(
        access.filter((entry) => entry.provider === provider && entry.group === null),
        provider,
      ).toHaveLength(1);
    }
    const inGroup = access.find((entry) => entry.provider === 'goodaccess' && entry.group !== null);
    expect(inGroup).toBeDefined();
    const { group, memberId } = inGroup as { group: { id: string }; memberId: string };
    const removed = await fetch(`${sandbox.baseUrls.goodaccess}/relation/group/${group.id}/member/${memberId}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect(removed.ok).toBe(true);
    expect(sandbox.accessOf(directory.tryEmail).filter((entry) => entry.group?.id === group.id)).toEqual([]);
    sandbox.reset();
    expect(sandbox.accessOf(directory.tryEmail)).toEqual(sandbox.accessOf(directory.tryEmail.toUpperCase()));
    expect(sandbox.accessOf(directory.tryEmail)).toHaveLength(access.length);
  });

  it('accessOf: a case variant is found in the provider that spells it so; a hidden GitBook e-mail is not', () => {
    const variant = directory.people.find((person) => person.accounts.some((a) => a.email !== null && a.email !== person.email)) as CompanyPerson;
    const spelled = variant.accounts.find((a) => a.email !== null && a.email !== variant.email);
    expect(sandbox.accessOf(variant.email).some((entry) => entry.provider === spelled?.provider && entry.group === null)).toBe(true);
    const hidden = directory.people.find((person) => person.accounts.some((a) => a.provider === 'gitbook' && a.email === null)) as CompanyPerson;
    expect(sandbox.accessOf(hidden.email).filter((entry) => entry.provider === 'gitbook')).toEqual([]);
  });
});

describe("README's figures of the company", () => {
  // Compared with blanks and line breaks as one space: a reflowed paragraph says the same.
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const count = (test: (person: CompanyPerson) => boolean) => directory.people.filter(test).length.toLocaleString('en');

  it('says how many people, in several providers, in one, in all five, and the e-mail to try', () => {
    expect(readme).toContain(`directory of ${count(() => true)} people`);
    expect(readme).toContain(`${count((p) => providersOf(p).size > 1)} people are in several providers`);
    expect(readme).toContain(`${count((p) => providersOf(p).size === 5)} are in all five) and ${count((p) => providersOf(p).size === 1)} in one only`);
    expect(readme).toContain(`**${directory.tryEmail}**`);
  });

  it('gives the overlap of every pair of providers', async () => {
    const sandbox = await startSandbox();
    const name = (provider: SandboxProvider) => sandbox.servers[provider].simulator.name;
    await sandbox.stop();
    for (const a of SANDBOX_PROVIDERS) {
      for (const b of SANDBOX_PROVIDERS) {
        if (a >= b) continue;
        const shared = count((p) => providersOf(p).has(a) && providersOf(p).has(b));
        const said = new RegExp(`(${name(a)} and ${name(b)}|${name(b)} and ${name(a)})( share)? ${shared}\\b`);
        expect(readme, `${a} and ${b}: ${shared}`).toMatch(said);
      }
    }
  });

  it('names every case variant and every shared name', () => {
    for (const person of directory.people) {
      for (const account of person.accounts) {
        if (account.email !== null && account.email !== person.email) expect(readme).toContain(account.email.split('@')[0]);
      }
    }
    const names = directory.people.map((p) => p.displayName);
    for (const shared of names.filter((n, i) => names.indexOf(n) !== i)) expect(readme).toContain(shared);
  });
});

// The sandbox company's directory: one seeded list of people, each with the provider accounts the simulators seed.
import { Prng } from '../core/prng.js';
import { distinctNames, type PersonName } from './names.js';
import {
  CASE_VARIANTS,
  type CompanyOrganization,
  DOMAINS,
  EMAIL_PROVIDERS,
  HIDDEN_EMAILS,
  HOMONYMS,
  PARTNERS,
  SANDBOX_PROVIDERS,
  type SandboxProvider,
  SERVICE_LOGINS,
  SIDE_PROJECT,
  STAFF_SEGMENTS,
} from './plan.js';

export const DEFAULT_COMPANY_SEED = 0xac3e;

/** Staff of Acme, GitBook guests from partner firms, the side project's people, and Checkmarx's sandbox logins. */
export type Affiliation = 'staff' | 'partner' | 'side-project' | 'service';

export interface CompanyAccount {
  provider: SandboxProvider;
  organization: CompanyOrganization;
  /** The e-mail this provider's records show for the person: theirs, theirs in another case, or null (none shown). */
  email: string | null;
}

export interface CompanyPerson {
  /** Position in the directory, from 0. */
  index: number;
  firstName: string;
  lastName: string;
  /** `First Last`: the same in every provider that shows a name. */
  displayName: string;
  /** Lower case, and unique in the directory even compared without regard to case. */
  email: string;
  affiliation: Affiliation;
  /** One per provider organization the person is a member of. */
  accounts: readonly CompanyAccount[];
}

export interface CompanyAccountEntry {
  person: CompanyPerson;
  /** As the provider shows it (see CompanyAccount.email). */
  email: string | null;
}

export interface CompanyDirectory {
  readonly seed: number;
  readonly people: readonly CompanyPerson[];
  /**
   * The e-mail to try: the first person with an account in every provider whose records all show it as it is (no
   * other case, not hidden).
   */
  readonly tryEmail: string;
  /** The person with this e-mail, trimmed and compared without regard to case. */
  person(email: string): CompanyPerson | undefined;
  /** The members of one provider organization, in directory order: the order its simulator seeds them in. */
  accountsIn(provider: SandboxProvider, organization?: CompanyOrganization): readonly CompanyAccountEntry[];
}

interface Draft {
  name: PersonName;
  affiliation: Affiliation;
  domain: string;
  /** Set for the logins, whose e-mail is their login name; drawn from the name for everyone else. */
  email?: string;
  accounts: CompanyAccount[];
}

const cache = new Map<number, CompanyDirectory>();

/** The directory for a seed: the same people, accounts and e-mails every time (built once per seed, then shared). */
export function companyDirectory(seed: number = DEFAULT_COMPANY_SEED): CompanyDirectory {
  let directory = cache.get(seed);
  if (!directory) {
    directory = buildDirectory(seed);
    cache.set(seed, directory);
  }
  return directory;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** The e-mail is filled in once the person's address is known. */
const account = (provider: SandboxProvider, organization: CompanyOrganization = 'acme'): CompanyAccount => ({ provider, organization, email: null });
const accountOf = (draft: Draft, provider: SandboxProvider, organization: CompanyOrganization = 'acme') =>
  draft.accounts.find((account) => account.provider === provider && account.organization === organization);

/** A person has one user per provider: what it shows is the same in each of that provider's organizations. */
const accountsOf = (draft: Draft, provider: SandboxProvider) => draft.accounts.filter((held) => held.provider === provider);

/** A provider's entries, checked to be as many as its simulator's world promises. */
export function exactly(entries: readonly CompanyAccountEntry[], count: number, what: string): readonly CompanyAccountEntry[] {
  if (entries.length !== count) throw new Error(`the company directory has ${entries.length} ${what}, not ${count}`);
  return entries;
}

/** 0..count-1 in a seeded order (Fisher-Yates). */
function shuffledIndexes(prng: Prng, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function pickWhere<T>(prng: Prng, items: readonly T[], test: (item: T) => boolean, what: string): T {
  const candidates = items.filter(test);
  if (candidates.length === 0) throw new Error(`the company directory has no ${what}`);
  return prng.pick(candidates);
}

function buildDirectory(seed: number): CompanyDirectory {
  const prng = new Prng(seed);
  const staffCount = sum(STAFF_SEGMENTS.map((segment) => segment.count));
  const names = distinctNames(prng, staffCount + PARTNERS.count + SIDE_PROJECT.people);
  const drafts: Draft[] = [];

  // Segments are dealt over a shuffled order, so neighbours in the directory have nothing in common.
  const order = shuffledIndexes(prng, staffCount);
  const staffProviders: Array<readonly SandboxProvider[]> = [];
  let dealt = 0;
  for (const segment of STAFF_SEGMENTS) {
    for (let k = 0; k < segment.count; k++) staffProviders[order[dealt++] as number] = segment.providers;
  }
  for (let i = 0; i < staffCount; i++) {
    const providers = staffProviders[i] ?? [];
    drafts.push({ name: names[i] as PersonName, affiliation: 'staff', domain: DOMAINS.staff, accounts: providers.map((p) => account(p)) });
  }
  const staff = drafts.slice();
  const { firstOnesIn } = SIDE_PROJECT;
  staff.find((draft) => accountOf(draft, firstOnesIn.provider))?.accounts.push(account(firstOnesIn.provider, 'side-project'));

  for (let i = 0; i < PARTNERS.count; i++) {
    drafts.push({ name: names[staffCount + i] as PersonName, affiliation: 'partner', domain: DOMAINS.partner, accounts: [account(PARTNERS.provider)] });
  }
  for (let i = 0; i < SIDE_PROJECT.people; i++) {
    const accounts = [account(SIDE_PROJECT.allIn, 'side-project')];
    if (i < firstOnesIn.count) accounts.unshift(account(firstOnesIn.provider, 'side-project'));
    drafts.push({ name: names[staffCount + PARTNERS.count + i] as PersonName, affiliation: 'side-project', domain: DOMAINS.sideProject, accounts });
  }
  for (const login of SERVICE_LOGINS.logins) {
    drafts.push({
      name: { firstName: login.firstName, lastName: login.lastName },
      affiliation: 'service',
      domain: DOMAINS.service,
      email: `${login.login}@${DOMAINS.service}`,
      accounts: [account(SERVICE_LOGINS.provider)],
    });
  }

  // Homonyms: the second of a pair takes the first one's name.
  const paired = new Set<Draft>();
  for (let k = 0; k < HOMONYMS.pairs; k++) {
    const first = pickWhere(prng, staff, (d) => !paired.has(d), 'staff member to share a name');
    paired.add(first);
    const second = pickWhere(prng, staff, (d) => !paired.has(d) && !accountOf(d, HOMONYMS.notBothIn), 'staff member for a homonym');
    paired.add(second);
    second.name = { ...first.name };
  }

  // E-mails: first.last at the person's domain; the later of two same names gets first.last2.
  const taken = new Set<string>();
  for (const draft of drafts) {
    if (draft.email === undefined) {
      const local = `${draft.name.firstName}.${draft.name.lastName}`.toLowerCase();
      let n = 1;
      while (taken.has(`${local}${n > 1 ? n : ''}@${draft.domain}`)) n += 1;
      draft.email = `${local}${n > 1 ? n : ''}@${draft.domain}`;
    }
    taken.add(draft.email);
    for (const held of draft.accounts) held.email = EMAIL_PROVIDERS.includes(held.provider) ? draft.email : null;
  }

  const hiding = new Set<Draft>();
  for (let k = 0; k < HIDDEN_EMAILS.count; k++) {
    const draft = pickWhere(prng, staff, (d) => !hiding.has(d) && accountOf(d, HIDDEN_EMAILS.provider) !== undefined, 'user to hide an e-mail');
    hiding.add(draft);
    for (const held of accountsOf(draft, HIDDEN_EMAILS.provider)) held.email = null;
  }

  const varied = new Set<Draft>();
  const shows = (d: Draft, provider: SandboxProvider) => accountOf(d, provider)?.email === d.email;
  for (const variant of CASE_VARIANTS) {
    const draft = pickWhere(
      prng,
      staff,
      (d) => !varied.has(d) && shows(d, variant.provider) && EMAIL_PROVIDERS.some((p) => p !== variant.provider && shows(d, p)),
      `person to spell an e-mail differently in ${variant.provider}`,
    );
    varied.add(draft);
    const email = draft.email as string;
    for (const held of accountsOf(draft, variant.provider)) held.email = variant.style === 'upper' ? email.toUpperCase() : capitalized(email);
  }

  return freeze(seed, drafts);
}

/** `ada.baker@acme.example` -> `Ada.Baker@acme.example`. */
function capitalized(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.')}@${domain}`;
}

function freeze(seed: number, drafts: readonly Draft[]): CompanyDirectory {
  const people: CompanyPerson[] = drafts.map((draft, index) =>
    Object.freeze({
      index,
      firstName: draft.name.firstName,
      lastName: draft.name.lastName,
      displayName: `${draft.name.firstName} ${draft.name.lastName}`,
      email: draft.email as string,
      affiliation: draft.affiliation,
      accounts: Object.freeze(draft.accounts.map((account) => Object.freeze({ ...account }))),
    }),
  );
  const byEmail = new Map(people.map((person) => [person.email, person]));
  const byOrganization = new Map<string, CompanyAccountEntry[]>();
  for (const person of people) {
    for (const held of person.accounts) {
      const key = `${held.provider}/${held.organization}`;
      const entries = byOrganization.get(key) ?? [];
      entries.push(Object.freeze({ person, email: held.email }));
      byOrganization.set(key, entries);
    }
  }
  const everywhere = people.find(
    (person) =>
      SANDBOX_PROVIDERS.every((provider) => person.accounts.some((a) => a.provider === provider)) &&
      person.accounts.every((a) => !EMAIL_PROVIDERS.includes(a.provider) || a.email === person.email),
  );
  if (!everywhere) throw new Error('the company directory has nobody in every provider');
  return Object.freeze({
    seed,
    people: Object.freeze(people),
    tryEmail: everywhere.email,
    person: (email: string) => byEmail.get(email.trim().toLowerCase()),
    accountsIn: (provider: SandboxProvider, organization: CompanyOrganization = 'acme') => byOrganization.get(`${provider}/${organization}`) ?? [],
  });
}

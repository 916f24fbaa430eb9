// sync-team: makes a team or user group's members exactly the ones a CSV lists, through one setMembers.
//
//   npx tsx examples/sync-team.ts --url http://localhost:4000/graphql --key sandbox --group <id> --csv members.csv [--dry-run]
//
// Exit status: 0 when every member is as the CSV says; 1 when a member FAILED, the mutation returned a typed error
// or the request failed; 2 on a usage error (bad options, an unreadable or malformed CSV).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Client, createClient } from './client.js';
import type { GroupMembersForPlanQuery, MemberRefInput, SetMembersMutation } from './gql/graphql.js';
import { GROUP_LOOKUP, GROUP_MEMBERS_FOR_PLAN, SET_MEMBERS } from './operations.js';

const USAGE = `Usage: sync-team --group <group id> --csv <file> [--url <graphql url>] [--key <api key>] [--dry-run]
                 [--max-retries <n>] [--max-wait <seconds>] [--allow-empty]

Makes the group's members exactly the CSV's, with one setMembers call.

  --group        the global id of a Team or UserGroup (node(id:) takes it)
  --csv          one column of e-mails and/or ids; an optional header line names the column: email, memberId
                 or userId (what a value without "@" is; memberId by default). Blank lines and # comments skipped
  --url          the gateway's GraphQL endpoint (default http://localhost:4000/graphql)
  --key          an API key with the write scope (default: $TEAMGRAPH_KEY)
  --dry-run      print the plan (to add, to remove, unchanged) from the group's current members; write nothing
  --max-retries  how often a RateLimitedError is waited out and the call sent again (default 3, at most 20)
  --max-wait     the longest wait for one retry, in seconds (default 300, at most 300)
  --allow-empty  let an empty CSV clear the group (refused otherwise)`;

/** The API's bound on setMembers. */
const MAX_MEMBERS = 1000;
/** Members read per page for the plan (the API's cap). */
const PLAN_PAGE_SIZE = 100;
/** Seconds to wait when a RateLimitedError does not say how long. */
const DEFAULT_WAIT_SECONDS = 5;
const MAX_WAIT_CEILING = 300;

type RefKind = 'email' | 'memberId' | 'userId';

/** One member the CSV names, with the line it came from. */
export interface CsvRef {
  kind: RefKind;
  value: string;
  line: number;
}

/** A mistake of the caller's: printed with the usage hint, exit status 2. */
class UsageError extends Error {}

const HEADERS: Record<string, RefKind> = {
  email: 'email',
  'e-mail': 'email',
  memberid: 'memberId',
  member_id: 'memberId',
  userid: 'userId',
  user_id: 'userId',
};

/**
 * The members a CSV names: one value per line (trimmed, surrounding quotes dropped), blank lines and `#` comments
 * skipped. A first line that is a header (email, memberId, userId) says what a value without "@" is: a memberId
 * unless the header says userId. A value with "@" is an e-mail whatever the header. A value named twice (e-mails
 * in any case) is kept once, at its first line.
 */
export function parseMembersCsv(text: string): CsvRef[] {
  const refs: CsvRef[] = [];
  const seen = new Set<string>();
  let idKind: RefKind = 'memberId';
  let first = true;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    let value = raw.trim();
    if (value === '' || value.startsWith('#')) continue;
    if (value.includes(',')) throw new UsageError(`CSV line ${line}: one column expected, found "${value}"`);
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).trim();
    const header = HEADERS[value.toLowerCase()];
    if (first) {
      first = false;
      if (header) {
        if (header === 'userId') idKind = 'userId';
        continue;
      }
    }
    if (header) throw new UsageError(`CSV line ${line}: a header ("${value}") is only allowed on the first line`);
    if (value === '' || /\s/.test(value)) throw new UsageError(`CSV line ${line}: "${value}" is not an e-mail or an id`);
    const kind: RefKind = value.includes('@') ? 'email' : idKind;
    const key = `${kind}:${value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ kind, value, line });
  }
  return refs;
}

/** The setMembers input of each reference, exactly one field set (MemberRefInput takes one of the three). */
function toMemberRef(ref: CsvRef): MemberRefInput {
  switch (ref.kind) {
    case 'email':
      return { email: ref.value };
    case 'memberId':
      return { memberId: ref.value };
    case 'userId':
      return { userId: ref.value };
  }
}

interface CurrentMember {
  memberId: string;
  userId: string | null;
  email: string | null;
  displayName: string | null;
}

export interface Plan {
  add: CsvRef[];
  keep: Array<{ ref: CsvRef; member: CurrentMember }>;
  remove: CurrentMember[];
}

/**
 * What setMembers would do, from the group's current members: a reference that reaches a member (the same memberId,
 * userId or e-mail, compared without case) keeps it, one that reaches none adds it, and every member no reference
 * reaches is removed. A second reference to a kept member is not listed again.
 */
export function planSync(refs: readonly CsvRef[], current: readonly CurrentMember[]): Plan {
  const lower = (value: string | null) => value?.toLowerCase() ?? null;
  const find = (ref: CsvRef): CurrentMember | undefined => {
    const value = ref.value.toLowerCase();
    return current.find((m) => lower(ref.kind === 'email' ? m.email : ref.kind === 'userId' ? m.userId : m.memberId) === value);
  };
  const plan: Plan = { add: [], keep: [], remove: [] };
  const kept = new Set<CurrentMember>();
  for (const ref of refs) {
    const member = find(ref);
    if (!member) plan.add.push(ref);
    else if (!kept.has(member)) {
      kept.add(member);
      plan.keep.push({ ref, member });
    }
  }
  plan.remove = current.filter((m) => !kept.has(m));
  return plan;
}

interface Options {
  url: string;
  key: string;
  group: string;
  csv: string;
  dryRun: boolean;
  maxRetries: number;
  maxWait: number;
  allowEmpty: boolean;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const OPTIONS = {
  url: { type: 'string' },
  key: { type: 'string' },
  group: { type: 'string' },
  csv: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'max-retries': { type: 'string' },
  'max-wait': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // An unknown option, a missing value, a positional argument: node:util says which.
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const key = values.key ?? env.TEAMGRAPH_KEY;
  const missing = [!values.group && '--group', !values.csv && '--csv', !key && '--key (or TEAMGRAPH_KEY)'].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
  const url = values.url ?? 'http://localhost:4000/graphql';
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  return {
    url,
    key: key!,
    group: values.group!,
    csv: values.csv!,
    dryRun: values['dry-run'] ?? false,
    maxRetries: integer('max-retries', values['max-retries'], 3, 0, 20),
    maxWait: integer('max-wait', values['max-wait'], MAX_WAIT_CEILING, 1, MAX_WAIT_CEILING),
    allowEmpty: values['allow-empty'] ?? false,
  };
}

function readRefs(options: Options): CsvRef[] {
  let text: string;
  try {
    text = readFileSync(options.csv, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --csv ${options.csv}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const refs = parseMembersCsv(text);
  if (refs.length > MAX_MEMBERS) throw new UsageError(`the CSV names ${refs.length} members; setMembers takes at most ${MAX_MEMBERS}`);
  if (refs.length === 0 && !options.allowEmpty) throw new UsageError('the CSV names no member: that would clear the group (pass --allow-empty to do that)');
  return refs;
}

/** The group's description for the output; throws when the id names no team or user group. */
async function lookUpGroup(client: Client, groupId: string): Promise<string> {
  const { node } = await client.request(GROUP_LOOKUP, { groupId });
  if (!node) throw new Error(`no group with id ${groupId}`);
  if (node.__typename !== 'Team' && node.__typename !== 'UserGroup') throw new Error(`${groupId} is a ${node.__typename}, not a team or user group`);
  return `${node.__typename} "${node.name}" (${node.provider}, ${node.organization.name})`;
}

async function currentMembers(client: Client, groupId: string): Promise<CurrentMember[]> {
  const members: CurrentMember[] = [];
  let after: string | null = null;
  for (;;) {
    // Annotated (here and `next`): `after` feeds the next request, a cycle TypeScript does not infer through.
    const { node }: GroupMembersForPlanQuery = await client.request(GROUP_MEMBERS_FOR_PLAN, { groupId, first: PLAN_PAGE_SIZE, after });
    if (!node || (node.__typename !== 'Team' && node.__typename !== 'UserGroup')) throw new Error(`${groupId} is not a team or user group`);
    for (const edge of node.members.edges) if (edge.node) members.push(edge.node);
    const next: string | null = node.members.pageInfo.endCursor;
    if (!node.members.pageInfo.hasNextPage || next === null) return members;
    after = next;
  }
}

const describeRef = (ref: CsvRef) => `${ref.kind} ${ref.value} (line ${ref.line})`;
const describeMember = (m: CurrentMember) => `memberId ${m.memberId}${m.email ? ` <${m.email}>` : ''}${m.displayName ? ` ${m.displayName}` : ''}`;

function printPlan(out: (line: string) => void, group: string, plan: Plan): void {
  out(`Plan for ${group}: ${plan.add.length} to add, ${plan.remove.length} to remove, ${plan.keep.length} unchanged (dry run: nothing written)`);
  for (const ref of plan.add) out(`  add     ${describeRef(ref)}`);
  for (const { ref, member } of plan.keep) out(`  keep    ${describeRef(ref)}: ${describeMember(member)}`);
  for (const member of plan.remove) out(`  remove  ${describeMember(member)}`);
  if (plan.add.some((ref) => ref.kind !== 'memberId'))
    out('E-mails and user ids to add are looked up when the change is applied; one that names nobody will fail.');
}

type Payload = SetMembersMutation['setMembers'];
type Success = Extract<Payload, { __typename: 'SetMembersSuccess' }>;
type Change = Success['changes'][number];

const changeKey = (c: Change) => (c.memberId ?? c.userId ?? c.email ?? '').toLowerCase();

/**
 * The outcome across attempts: a retry after a partial rate limit reports what the first attempt applied as
 * ALREADY_MEMBER and no longer lists the members it removed, so those come from the earlier attempt.
 */
function mergeAttempts(attempts: readonly Success[]): Change[] {
  const last = attempts.at(-1)!;
  const changes = last.changes.map((change) => ({ ...change }));
  for (const earlier of attempts.slice(0, -1)) {
    for (const change of earlier.changes) {
      const key = changeKey(change);
      const now = changes.find((c) => changeKey(c) === key);
      if (change.status === 'ADDED' && now?.status === 'ALREADY_MEMBER') now.status = 'ADDED';
      else if (change.status === 'REMOVED' && !now) changes.push(change);
    }
  }
  return changes;
}

/** The CSV line of a change, by the reference it echoes. */
function lineOf(refs: readonly CsvRef[], change: Change): number | undefined {
  const matches = (kind: RefKind, value: string | null) => value !== null && refs.find((r) => r.kind === kind && r.value.toLowerCase() === value.toLowerCase());
  const ref = matches('email', change.email) || matches('userId', change.userId) || matches('memberId', change.memberId);
  return ref ? ref.line : undefined;
}

function describeChange(refs: readonly CsvRef[], change: Change): string {
  const parts = [change.email && `email ${change.email}`, change.userId && `userId ${change.userId}`, change.memberId && `memberId ${change.memberId}`];
  const line = lineOf(refs, change);
  return `${parts.filter(Boolean).join(' ')}${line === undefined ? '' : ` (line ${line})`}`;
}

export async function run(argv: readonly string[], io: { out: (line: string) => void; err: (line: string) => void; env: NodeJS.ProcessEnv }): Promise<number> {
  let options: Options | 'help';
  let refs: CsvRef[];
  try {
    options = parseOptions(argv, io.env);
    if (options === 'help') {
      io.out(USAGE);
      return 0;
    }
    refs = readRefs(options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`sync-team: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  const client = createClient({ url: options.url, key: options.key });
  try {
    const group = await lookUpGroup(client, options.group);
    if (options.dryRun) {
      printPlan(io.out, group, planSync(refs, await currentMembers(client, options.group)));
      return 0;
    }

    io.out(`Setting the members of ${group} to the ${refs.length} named in ${options.csv}`);
    const members = refs.map(toMemberRef);
    const successes: Success[] = [];
    let typedError = false;
    for (let attempt = 0; ; attempt++) {
      const { setMembers: payload } = await client.request(SET_MEMBERS, { input: { groupId: options.group, members } });
      // A rate limit is waited out: all of it (nothing applied), or one that stopped part of an emulated change
      // (setMembers is idempotent, so sending it again finishes the job).
      const limited =
        payload.__typename === 'RateLimitedError'
          ? payload
          : payload.__typename === 'SetMembersSuccess'
            ? payload.changes.find((c) => c.error?.__typename === 'RateLimitedError')?.error
            : undefined;
      if (payload.__typename === 'SetMembersSuccess') successes.push(payload);
      if (limited?.__typename === 'RateLimitedError' && attempt < options.maxRetries) {
        const seconds = Math.min(limited.retryAfter ?? DEFAULT_WAIT_SECONDS, options.maxWait);
        io.err(`rate limited (${limited.message}): waiting ${seconds}s, then retry ${attempt + 1} of ${options.maxRetries}`);
        await sleep(seconds * 1000);
        continue;
      }
      if (payload.__typename !== 'SetMembersSuccess') {
        const where = payload.__typename === 'ValidationError' ? validationDetail(refs, payload.path) : '';
        const unknown =
          payload.__typename === 'ProviderUnavailableError' && payload.outcomeUnknown ? ' (the change may have been applied: read the group)' : '';
        const retried = payload.__typename === 'RateLimitedError' ? ` (after ${attempt} retries)` : '';
        io.err(`setMembers failed: ${payload.__typename}: ${payload.message}${where}${unknown}${retried}`);
        typedError = true;
      }
      break;
    }
    // What earlier attempts applied is still reported when the last one failed whole.
    if (successes.length === 0) return 1;

    const changes = mergeAttempts(successes);
    let failed = 0;
    for (const change of changes) {
      if (change.status === 'FAILED') failed++;
      const error = change.error ? `  ${change.error.__typename}: ${change.error.message}` : '';
      io.out(`${change.status.padEnd(14)} ${describeChange(refs, change)}${error}`);
    }
    const count = (status: Change['status']) => changes.filter((c) => c.status === status).length;
    io.out(
      `summary: ${count('ADDED')} added, ${count('ALREADY_MEMBER')} already members, ${count('REMOVED')} removed, ${count('NOT_A_MEMBER')} not members, ${failed} failed`,
    );
    return failed > 0 || typedError ? 1 : 0;
  } catch (error) {
    io.err(`sync-team: ${(error as Error).message}`);
    return 1;
  }
}

/** Where a ValidationError points: the CSV line and value when its path is into input.members. */
function validationDetail(refs: readonly CsvRef[], path: readonly string[]): string {
  if (path[0] !== 'input' || path[1] !== 'members' || path[2] === undefined) return ` (at ${path.join('.')})`;
  const ref = refs[Number(path[2])];
  return ref ? ` (CSV line ${ref.line}: ${ref.value})` : ` (at ${path.join('.')})`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
}

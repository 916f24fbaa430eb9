// Global ids: opaque, carrying the provider and the whole path to the object, checked on decode before any call.
import { PROVIDER_IDS, type ProviderId } from '../providers/catalog.js';
import { UserInputError } from './errors.js';
import { personEmail } from './people/email.js';

const NODE_TYPES = ['Organization', 'Team', 'UserGroup', 'Member', 'Person'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface OrganizationKey {
  provider: ProviderId;
  organizationId: string;
}
export interface GroupKey extends OrganizationKey {
  groupId: string;
}
export interface MemberKey extends OrganizationKey {
  /** Null for an organization-level member. */
  groupId: string | null;
  memberId: string;
}

/** A person spans providers: their key is the e-mail address alone, normalised (trimmed, lower-cased). */
export interface PersonKey {
  email: string;
}

export type NodeKey =
  | { type: 'Organization'; key: OrganizationKey }
  | { type: 'Team' | 'UserGroup'; key: GroupKey }
  | { type: 'Member'; key: MemberKey }
  | { type: 'Person'; key: PersonKey };

/** The path segments after the provider, per provider type; a member's group segment is '' at organization level. */
const SEGMENTS: Record<Exclude<NodeType, 'Person'>, number> = { Organization: 1, Team: 2, UserGroup: 2, Member: 3 };
const MAX_ID_LENGTH = 1024;

/** The local part of a global id (what the relay plugin wraps with the type name): a JSON array of strings. */
export function localId(node: NodeKey): string {
  // A person has no provider: the one segment is the normalised e-mail.
  if (node.type === 'Person') return JSON.stringify([node.key.email]);
  const { key } = node;
  if (node.type === 'Organization') return JSON.stringify([key.provider, key.organizationId]);
  if (node.type === 'Member') {
    const member = node.key;
    return JSON.stringify([member.provider, member.organizationId, member.groupId ?? '', member.memberId]);
  }
  return JSON.stringify([key.provider, key.organizationId, node.key.groupId]);
}

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = globalId.length <= MAX_ID_LENGTH * 2 && /^[A-Za-z0-9_-]+$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UserInputError('Malformed id: not an id this API issued', { argument: 'id' });
  const typename = text.slice(0, colon);
  // Refused here, or the relay plugin answers an unknown type with a bare "X has not been implemented".
  if (!(NODE_TYPES as readonly string[]).includes(typename)) {
    throw new UserInputError(`Malformed id: unknown type; ids name one of ${NODE_TYPES.join(', ')}`, { argument: 'id' });
  }
  return { typename, id: text.slice(colon + 1) };
}

/** Decodes and checks a global id: its type, provider and the number and shape of its segments. */
export function parseGlobalId(globalId: string, expected?: readonly NodeType[]): NodeKey {
  const { typename, id } = decodeGlobalId(globalId);
  // decodeGlobalId refused any type not in NODE_TYPES.
  const type = typename as NodeType;
  if (expected && !expected.includes(type)) {
    throw new UserInputError(`The id is a ${type} id; expected ${expected.join(' or ')}`, { argument: 'id' });
  }
  return parseLocalId(type, id);
}

export function parseLocalId(type: NodeType, id: string): NodeKey {
  let segments: unknown;
  try {
    segments = JSON.parse(id);
  } catch {
    segments = null;
  }
  // Nothing of the id itself is repeated: it came from a client, and says only what the client already has.
  const bad = (why: string) => new UserInputError(`Malformed ${type} id: ${why}`, { argument: 'id' });
  if (!Array.isArray(segments) || !segments.every((s): s is string => typeof s === 'string')) throw bad('not an id this API issued');
  if (type === 'Person') return { type, key: { email: personIdEmail(segments, bad) } };
  const [provider, ...path] = segments;
  if (!(PROVIDER_IDS as readonly string[]).includes(provider ?? '')) throw bad(`unknown provider; providers are ${PROVIDER_IDS.join(', ')}`);
  if (path.length !== SEGMENTS[type]) throw bad(`expected ${SEGMENTS[type]} path segments, got ${path.length}`);
  const groupAllowedEmpty = type === 'Member';
  path.forEach((segment, i) => {
    const optional = groupAllowedEmpty && i === 1;
    if ((segment === '' && !optional) || segment.length > MAX_ID_LENGTH) throw bad(`segment ${i + 1} is empty or too long`);
  });
  const p = provider as ProviderId;
  const [organizationId = '', second = '', third = ''] = path;
  if (type === 'Organization') return { type, key: { provider: p, organizationId } };
  if (type === 'Member') return { type, key: { provider: p, organizationId, groupId: second === '' ? null : second, memberId: third } };
  return { type, key: { provider: p, organizationId, groupId: second } };
}

/** A Person id's one segment: an e-mail address in the normalised form this API issues (anything else is refused). */
function personIdEmail(segments: readonly string[], bad: (why: string) => UserInputError): string {
  const [email] = segments;
  if (segments.length !== 1 || email === undefined) throw bad(`expected 1 segment, got ${segments.length}`);
  let normal: string;
  try {
    normal = personEmail(email);
  } catch {
    throw bad('its segment is not an e-mail address');
  }
  if (normal !== email) throw bad('its e-mail is not in the normalised form this API issues');
  return normal;
}

// Connection cursors: where an edge sits in the provider's pages, opaque to clients and signed so they cannot be edited or forged.
import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { PROVIDER_IDS } from '../providers/catalog.js';
import { UserInputError } from './errors.js';

export interface CursorPosition {
  /** The provider's token of the page holding the edge (null: the first page). */
  token: string | null;
  /** The page size that page was read with: offsets are only stable at the same size. */
  size: number;
  /** The edge's index inside that page. */
  offset: number;
  /** Set on a page's last item: the provider's next token (null at the end), so resuming costs no re-read. */
  next?: string | null;
}

/** A place in a list of lists read whole (organizations): which provider's list, and the index in it. */
export interface IndexPosition {
  /** The provider's index in the gateway's provider order. */
  provider: number;
  /** The item's index in that provider's list. */
  index: number;
}

export interface ListOptions {
  /**
   * The list is read whole (a provider without paging): its offsets index the whole list, so they are not
   * below the page size, and it has no page tokens.
   */
  whole?: boolean;
}

export interface DecodeOptions extends ListOptions {
  /** The argument the cursor came in, for the error: `after` unless told. */
  argument?: string;
}

export interface CursorCodec {
  /** A signed cursor for a place in a paged list (`list` is its listFingerprint). */
  encode(list: string, position: CursorPosition, options?: ListOptions): string;
  /** The place a cursor names; BAD_USER_INPUT, before any upstream call, for one not signed here for `list` or out of bounds. */
  decode(cursor: string, list: string, options?: DecodeOptions): CursorPosition;
  /** A signed cursor for a place in a list of whole lists (the organizations connection). */
  encodeIndex(list: string, position: IndexPosition): string;
  decodeIndex(cursor: string, list: string, options?: Pick<DecodeOptions, 'argument'>): IndexPosition;
}

/** Longest cursor looked at: anything longer is refused before it is decoded. */
export const MAX_CURSOR_LENGTH = 4096;
/**
 * Largest page size a cursor carries: GitBook's 1000 is the largest page a paging provider serves (Cloudflare
 * 500, Bird 100, `first` at most 100), and lists read whole are read with a size within it (their APIs ignore it).
 */
export const MAX_CURSOR_PAGE_SIZE = 1000;
/**
 * Longest provider page token a cursor carries. A page's last edge holds two (its page's and the next), and both
 * at this length still fit MAX_CURSOR_LENGTH once encoded; the providers' own tokens are about 200 characters.
 */
export const MAX_TOKEN_LENGTH = 1024;
/** Bound on an index into a list read whole (a whole-list provider's members, an organization list). */
export const MAX_LIST_INDEX = 1_000_000;
/** Bytes of the HMAC-SHA256 tag kept: 128 bits put guessing a valid tag out of reach. */
const TAG_BYTES = 16;
/** The tag's base64url length: always this long, so tags compare in constant time. */
const TAG_CHARS = Math.ceil((TAG_BYTES * 8) / 6);
/** The signed JSON ends with the tag as its last member; the payload is the text without it. */
const SIGNED = new RegExp(`^(\\{[^]*),"h":"([A-Za-z0-9_-]{${TAG_CHARS}})"\\}$`);

/** A short fingerprint of the list a cursor belongs to, so a cursor from another list is refused. */
export function listFingerprint(listKey: string): string {
  return createHash('sha256').update(listKey).digest('base64url').slice(0, 10);
}

/**
 * A codec whose cursors only it (or another holding the same secret) accepts. A cursor is the base64url of its
 * payload's JSON with the tag, an HMAC-SHA256 of that JSON, appended as a last member `h`: a client can still
 * read it (it is opaque, not secret), but any edit is refused before its fields are even parsed.
 */
export function createCursorCodec(secret: Uint8Array): CursorCodec {
  if (secret.byteLength < 16) throw new Error('A cursor secret needs at least 16 bytes');
  // A copy: the caller's array changing later must not change which cursors verify.
  const key: KeyObject = createSecretKey(Buffer.from(secret));
  const tagOf = (payload: string) => createHmac('sha256', key).update(payload, 'utf8').digest().subarray(0, TAG_BYTES).toString('base64url');

  const sign = (payload: Record<string, unknown>): string => {
    const text = JSON.stringify(payload);
    const cursor = Buffer.from(`${text.slice(0, -1)},"h":"${tagOf(text)}"}`, 'utf8').toString('base64url');
    // Never hand out a cursor decoding would refuse; only tokens full of escaped characters can get this long.
    if (cursor.length > MAX_CURSOR_LENGTH) throw new Error(`A cursor would be ${cursor.length} characters, over ${MAX_CURSOR_LENGTH}`);
    return cursor;
  };

  /** The verified payload of a cursor of `list`, or the error to throw; nothing unverified is parsed. */
  const open = (cursor: string, list: string, argument: string): Record<string, unknown> => {
    const invalid = (why: string) => new UserInputError(`Invalid cursor in \`${argument}\`: ${why}`, { argument });
    const forged = () => invalid('not a cursor this API issued, or it was changed');
    if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw forged();
    const bytes = Buffer.from(cursor, 'base64url');
    // One spelling per cursor: trailing bits a decoder would ignore are an edit too.
    if (bytes.toString('base64url') !== cursor) throw forged();
    const signed = SIGNED.exec(bytes.toString('utf8'));
    if (!signed) throw forged();
    const payload = `${signed[1] as string}}`;
    if (!timingSafeEqual(Buffer.from(signed[2] as string, 'utf8'), Buffer.from(tagOf(payload), 'utf8'))) throw forged();
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      throw forged();
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw forged();
    const fields = body as Record<string, unknown>;
    if (fields.l !== list) throw invalid('it belongs to another list (or to the same list with other filters)');
    return fields;
  };

  /** Checked again after the tag: a leaked secret or a signing bug must still not reach a provider with odd values. */
  const outOfBounds = (argument: string) => new UserInputError(`Invalid cursor in \`${argument}\`: its position is out of bounds`, { argument });

  return {
    encode(list, position, { whole = false } = {}) {
      // Encoding checks the bounds decoding will: a cursor no request could use is never handed out.
      if (!positionFrom({ l: list, t: position.token, s: position.size, o: position.offset, n: position.next }, whole)) {
        throw new Error('A cursor position out of bounds (a provider page token too long?)');
      }
      return sign({ l: list, t: position.token, s: position.size, o: position.offset, ...(position.next !== undefined ? { n: position.next } : {}) });
    },
    decode(cursor, list, { argument = 'after', whole = false } = {}) {
      const position = positionFrom(open(cursor, list, argument), whole);
      if (!position) throw outOfBounds(argument);
      return position;
    },
    encodeIndex(list, position) {
      if (!indexFrom({ l: list, p: position.provider, i: position.index })) throw new Error('An index cursor out of bounds');
      return sign({ l: list, p: position.provider, i: position.index });
    },
    decodeIndex(cursor, list, { argument = 'after' } = {}) {
      const position = indexFrom(open(cursor, list, argument));
      if (!position) throw outOfBounds(argument);
      return position;
    },
  };
}

/** A page position from a payload's fields, or null when any is missing, extra or out of bounds. */
function positionFrom(fields: Record<string, unknown>, whole: boolean): CursorPosition | null {
  const { t, s, o, n } = fields;
  if (!Object.keys(fields).every((k) => ['l', 't', 's', 'o', 'n'].includes(k))) return null;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > MAX_CURSOR_PAGE_SIZE) return null;
  // A page never holds more than its size, but a list read whole is one page of any length.
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o >= (whole ? MAX_LIST_INDEX : s)) return null;
  // A list read whole has no page tokens: its one page is the first, and nothing follows it.
  const tokensOk = whole ? t === null && (n === undefined || n === null) : isToken(t) && (n === undefined || isToken(n));
  if (!tokensOk) return null;
  return { token: t as string | null, size: s, offset: o, ...(n !== undefined ? { next: n as string | null } : {}) };
}

/** An index position from a payload's fields, or null when any is missing, extra or out of bounds. */
function indexFrom(fields: Record<string, unknown>): IndexPosition | null {
  const { p, i } = fields;
  if (!Object.keys(fields).every((k) => ['l', 'p', 'i'].includes(k))) return null;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= PROVIDER_IDS.length) return null;
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= MAX_LIST_INDEX) return null;
  return { provider: p, index: i };
}

function isToken(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH);
}

/** The secret of gateways given none: one per process, so cursors hold across its requests (not across restarts). */
let processCodec: CursorCodec | undefined;
const codecs = new WeakMap<object, CursorCodec>();

/**
 * The codec of one context source: made once per source (not per request), with its `cursorSecret`, or the
 * process's random one when it has none.
 */
export function cursorCodecFor(source: { readonly cursorSecret?: Uint8Array }): CursorCodec {
  if (!source.cursorSecret) {
    processCodec ??= createCursorCodec(randomBytes(32));
    return processCodec;
  }
  let codec = codecs.get(source);
  if (!codec) {
    codec = createCursorCodec(source.cursorSecret);
    codecs.set(source, codec);
  }
  return codec;
}

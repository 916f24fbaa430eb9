// The cursor codec: signed cursors round-trip, and any edit, forgery or out-of-bounds position is BAD_USER_INPUT.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../src/resolvers/errors.js';
import { createCursorCodec, cursorCodecFor, listFingerprint, MAX_CURSOR_LENGTH, type CursorPosition } from '../src/resolvers/cursor.js';

const SECRET = randomBytes(32);
const codec = createCursorCodec(SECRET);
const LIST = listFingerprint('["groupMembers","GITBOOK","org","team",null,null]');

/** The JSON text inside a cursor (a client can read it: cursors are opaque, not secret). */
const textOf = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');
const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * A cursor with `edit` applied to its payload and signed again with `secret`: what a client holding the secret
 * could make, so only the bound checks stand in its way.
 */
function resigned(cursor: string, edit: Record<string, unknown>, secret: Uint8Array = SECRET): string {
  const { h: _tag, ...payload } = JSON.parse(textOf(cursor)) as Record<string, unknown>;
  const text = JSON.stringify({ ...payload, ...edit });
  const tag = createHmac('sha256', secret).update(text).digest().subarray(0, 16).toString('base64url');
  return cursorOf(`${text.slice(0, -1)},"h":"${tag}"}`);
}

/** Decoding `cursor` must fail as BAD_USER_INPUT on `after`, without the cursor in the message. */
function expectRefused(decode: () => unknown, cursor: string, why: string): void {
  let thrown: unknown;
  try {
    decode();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, why).toBeInstanceOf(UserInputError);
  const error = thrown as UserInputError;
  expect(error.extensions, why).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  expect(error.message, why).toMatch(/^Invalid cursor in `after`: /);
  if (cursor.length > 0) expect(error.message, why).not.toContain(cursor);
  // Nor a piece of it long enough to be the payload's: the first 12 characters stand for any.
  if (cursor.length >= 12) expect(error.message, why).not.toContain(cursor.slice(0, 12));
}

const PAGED: CursorPosition = { token: 'eyJsIjoidGVhbXMvMS9tZW1iZXJzIiwiYSI6IjQyIn0', size: 50, offset: 49, next: 'bmV4dA' };

describe('round trip', () => {
  it('a position comes back as it went in, with or without next', () => {
    for (const position of [PAGED, { token: null, size: 5, offset: 0 }, { token: 'x', size: 1000, offset: 999, next: null }] as CursorPosition[]) {
      const cursor = codec.encode(LIST, position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(codec.decode(cursor, LIST)).toEqual(position);
    }
  });

  it('a whole list: offsets past the size are its indexes', () => {
    const position = { token: null, size: 5, offset: 740, next: null };
    expect(codec.decode(codec.encode(LIST, position, { whole: true }), LIST, { whole: true })).toEqual(position);
  });

  it('an index position (the organizations list) comes back', () => {
    const cursor = codec.encodeIndex(LIST, { provider: 4, index: 12 });
    expect(codec.decodeIndex(cursor, LIST)).toEqual({ provider: 4, index: 12 });
  });

  it('another codec with the same secret accepts it; cursorCodecFor makes one per source, a random one without a secret', () => {
    const cursor = codec.encode(LIST, PAGED);
    expect(createCursorCodec(Buffer.from(SECRET)).decode(cursor, LIST)).toEqual(PAGED);
    const source = { cursorSecret: SECRET };
    expect(cursorCodecFor(source)).toBe(cursorCodecFor(source));
    expect(cursorCodecFor(source).decode(cursor, LIST)).toEqual(PAGED);
    expect(cursorCodecFor({})).toBe(cursorCodecFor({}));
    expectRefused(() => cursorCodecFor({}).decode(cursor, LIST), cursor, 'the process secret is not this one');
  });

  it('refuses a secret too short to sign with', () => {
    expect(() => createCursorCodec(new Uint8Array(8))).toThrow(/at least 16 bytes/);
  });
});

describe('edited or forged cursors', () => {
  const cursor = codec.encode(LIST, PAGED);

  it('a flipped byte anywhere in the payload or the tag', () => {
    const text = textOf(cursor);
    for (let i = 0; i < text.length; i++) {
      const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 0x01) + text.slice(i + 1);
      const edited = cursorOf(flipped);
      expectRefused(() => codec.decode(edited, LIST), edited, `byte ${i} (${JSON.stringify(text[i])})`);
    }
  });

  it('a changed character of the cursor itself, including the last (whose spare bits a decoder ignores)', () => {
    for (const i of [0, Math.floor(cursor.length / 2), cursor.length - 1]) {
      const c = cursor[i] as string;
      const edited =
        cursor.slice(0, i) +
        (c === 'A' ? 'B' : c === 'B' ? 'C' : String.fromCharCode(c.charCodeAt(0) === 0x7a ? 0x79 : c.charCodeAt(0) + 1)) +
        cursor.slice(i + 1);
      if (/^[A-Za-z0-9_-]+$/.test(edited)) expectRefused(() => codec.decode(edited, LIST), edited, `character ${i}`);
    }
  });

  it('a cursor signed with another secret', () => {
    const other = createCursorCodec(randomBytes(32)).encode(LIST, PAGED);
    expectRefused(() => codec.decode(other, LIST), other, 'another secret');
  });

  it('the payload edited and re-encoded without a valid tag: the tag removed, kept, or made up', () => {
    const { h: tag, ...payload } = JSON.parse(textOf(cursor)) as Record<string, unknown>;
    const edits: Array<[string, string]> = [
      ['no tag', cursorOf(JSON.stringify({ ...payload, s: -5 }))],
      ['the old tag', cursorOf(JSON.stringify({ ...payload, s: -5, h: tag }))],
      ['a made-up tag', cursorOf(JSON.stringify({ ...payload, t: 'forged-provider-token', h: 'A'.repeat(22) }))],
      ['the old tag, forged token', cursorOf(JSON.stringify({ ...payload, t: 'forged-provider-token', h: tag }))],
      ['the old tag, offset 999', cursorOf(JSON.stringify({ ...payload, o: 999, h: tag }))],
      ['the tag only', cursorOf(JSON.stringify({ h: tag }))],
    ];
    for (const [why, edited] of edits) expectRefused(() => codec.decode(edited, LIST), edited, why);
  });

  it('out-of-bounds positions, even signed with the right secret', () => {
    const edits: Array<[string, Record<string, unknown>]> = [
      ['size -5', { s: -5 }],
      ['size 0', { s: 0 }],
      ['size 5000', { s: 5000 }],
      ['size 1.5', { s: 1.5 }],
      ['size as text', { s: '50' }],
      ['offset -1', { o: -1 }],
      ['offset at the size', { o: 50 }],
      ['offset 999', { o: 999 }],
      ['a token of 3000 characters', { t: 'x'.repeat(3000) }],
      ['a next token of 3000 characters', { n: 'x'.repeat(3000) }],
      ['a token that is a number', { t: 12 }],
      ['an extra field', { x: 1 }],
    ];
    for (const [why, edit] of edits) {
      const edited = resigned(cursor, edit);
      expectRefused(() => codec.decode(edited, LIST), edited, why);
    }
    // The re-signing itself is sound: an in-bounds edit signed with the secret passes.
    expect(codec.decode(resigned(cursor, { o: 3 }), LIST)).toEqual({ ...PAGED, offset: 3 });
  });

  it('a whole list: a page token, or an index past the bound, even signed', () => {
    const whole = codec.encode(LIST, { token: null, size: 5, offset: 7 }, { whole: true });
    for (const [why, edit] of [
      ['a page token', { t: 'forged' }],
      ['a next token', { n: 'forged' }],
      ['offset 5,000,000', { o: 5_000_000 }],
      ['size 0', { s: 0 }],
    ] as Array<[string, Record<string, unknown>]>) {
      const edited = resigned(whole, edit);
      expectRefused(() => codec.decode(edited, LIST, { whole: true }), edited, why);
    }
  });

  it('an index cursor out of bounds, or a page cursor given for it (and the reverse), even signed', () => {
    const index = codec.encodeIndex(LIST, { provider: 1, index: 3 });
    for (const [why, edit] of [
      ['provider -1', { p: -1 }],
      ['provider 5 (there are five)', { p: 5 }],
      ['index -1', { i: -1 }],
      ['a page size', { s: 5 }],
    ] as Array<[string, Record<string, unknown>]>) {
      const edited = resigned(index, edit);
      expectRefused(() => codec.decodeIndex(edited, LIST), edited, why);
    }
    expectRefused(() => codec.decodeIndex(cursor, LIST), cursor, 'a page cursor');
    expectRefused(() => codec.decode(index, LIST), index, 'an index cursor');
  });

  it('garbage, base64 of something else, and the enormous are refused', () => {
    for (const garbage of [
      'garbage: no cursor!',
      '',
      '%%%',
      Buffer.from('hello').toString('base64url'),
      cursorOf('{"l":1}'),
      cursorOf('[1,2]'),
      'A'.repeat(MAX_CURSOR_LENGTH + 1),
      `${cursor}=`,
    ]) {
      expectRefused(() => codec.decode(garbage, LIST), garbage, garbage.slice(0, 40));
    }
  });

  it("another list's cursor names that as the reason", () => {
    expect(() => codec.decode(cursor, listFingerprint('another list'))).toThrow(/belongs to another list/);
  });
});

describe('encoding', () => {
  it('never hands out a cursor decoding would refuse', () => {
    expect(() => codec.encode(LIST, { token: 'x'.repeat(3000), size: 5, offset: 0 })).toThrow(/out of bounds/);
    expect(() => codec.encode(LIST, { token: null, size: 5, offset: 5 })).toThrow(/out of bounds/);
    expect(() => codec.encodeIndex(LIST, { provider: 9, index: 0 })).toThrow(/out of bounds/);
  });

  it('the longest tokens still make a cursor within the length cap', () => {
    const cursor = codec.encode(LIST, { token: 't'.repeat(1024), size: 1000, offset: 999, next: 'n'.repeat(1024) });
    expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(codec.decode(cursor, LIST).next).toHaveLength(1024);
  });
});

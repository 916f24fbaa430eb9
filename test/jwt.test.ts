// JWT bearer verification against a real JWKS served on 127.0.0.1, a PEM key, and the TEAMGRAPH_JWT_* settings parser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { JwtConfigError, parseJwtSettings, type JwtSettings } from '../src/config-jwt.js';
import { createJwtVerifier, isJwtShaped, type JwtOutcome } from '../src/server/jwt.js';

const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'api://teamgraph';

interface Signer {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

async function signer(alg: 'RS256' | 'ES256', kid: string): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey };
}

async function publicJwk(key: Signer): Promise<JWK> {
  return { ...(await exportJWK(key.publicKey)), kid: key.kid, alg: key.alg, use: 'sig' };
}

const now = (): number => Math.floor(Date.now() / 1000);

/** A token with sensible defaults; `claims` overrides or adds, `undefined` removes a default. */
async function sign(key: Signer, claims: Record<string, unknown> = {}, header: { kid?: string } = {}): Promise<string> {
  const defaults: JWTPayload = { iss: ISSUER, aud: AUDIENCE, sub: 'user-42', scope: 'read write', iat: now(), exp: now() + 300 };
  const payload: Record<string, unknown> = { ...defaults, ...claims };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: header.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
}

let rsa: Signer; // in the JWKS
let ec: Signer; // in the JWKS
let stranger: Signer; // not in the JWKS
let impostor: Signer; // claims rsa's kid with a different key
let server: Server;
let base: string;
let jwksRequests = 0;

beforeAll(async () => {
  [rsa, ec, stranger, impostor] = await Promise.all([signer('RS256', 'rsa-1'), signer('ES256', 'ec-1'), signer('RS256', 'stranger'), signer('RS256', 'rsa-1')]);
  const jwks = JSON.stringify({ keys: [await publicJwk(rsa), await publicJwk(ec)] });
  server = createServer((request, response) => {
    if (request.url === '/jwks.json') {
      jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else if (request.url === '/broken') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
    } else if (request.url === '/slow') {
      // Never answers: jose's timeout has to end the wait.
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

function settings(env: Record<string, string> = {}): JwtSettings {
  const parsed = parseJwtSettings({ TEAMGRAPH_JWT_JWKS_URL: `${base}/jwks.json`, TEAMGRAPH_JWT_ISSUER: ISSUER, TEAMGRAPH_JWT_AUDIENCE: AUDIENCE, ...env });
  if (parsed === null) throw new Error('expected settings');
  return parsed;
}

function refused(outcome: JwtOutcome): string {
  if (outcome.ok) throw new Error('the token was accepted');
  return outcome.reason;
}

describe('createJwtVerifier with a JWKS', () => {
  it('accepts a valid RS256 token: name from sub, scopes from the scope string, expiry from exp', async () => {
    const token = await sign(rsa, { scope: 'read  write trace' });
    const outcome = await createJwtVerifier(settings())(token);
    expect(outcome).toEqual({ ok: true, name: 'user-42', scopes: new Set(['read', 'write', 'trace']), expiresAt: expect.any(Number) });
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it('accepts a valid ES256 token', async () => {
    expect(await createJwtVerifier(settings())(await sign(ec))).toMatchObject({ ok: true, name: 'user-42' });
  });

  it('reads scopes from an array claim named by TEAMGRAPH_JWT_SCOPES_CLAIM, keeping only strings', async () => {
    const verify = createJwtVerifier(settings({ TEAMGRAPH_JWT_SCOPES_CLAIM: 'permissions', TEAMGRAPH_JWT_NAME_CLAIM: 'email' }));
    const outcome = await verify(await sign(rsa, { permissions: ['read', 42, 'write', { x: 1 }, ''], email: 'ana@example.test' }));
    expect(outcome).toMatchObject({ ok: true, name: 'ana@example.test', scopes: new Set(['read', 'write']) });
  });

  it("names the caller 'jwt' and grants no scopes when the claims are absent or not strings", async () => {
    const outcome = await createJwtVerifier(settings())(await sign(rsa, { sub: undefined, scope: 7 }));
    expect(outcome).toEqual({ ok: true, name: 'jwt', scopes: new Set(), expiresAt: expect.any(Number) });
  });

  it('refuses an expired token', async () => {
    expect(refused(await createJwtVerifier(settings())(await sign(rsa, { iat: now() - 600, exp: now() - 120 })))).toBe('expired');
  });

  it('refuses a token whose nbf is beyond the clock tolerance', async () => {
    expect(refused(await createJwtVerifier(settings())(await sign(rsa, { nbf: now() + 120 })))).toBe('not-yet-valid');
  });

  it('accepts nbf and exp that are off by less than the clock tolerance', async () => {
    const verify = createJwtVerifier(settings({ TEAMGRAPH_JWT_CLOCK_TOLERANCE: '30' }));
    expect((await verify(await sign(rsa, { nbf: now() + 10 }))).ok).toBe(true);
    expect((await verify(await sign(rsa, { exp: now() - 10 }))).ok).toBe(true);
    const strict = createJwtVerifier(settings({ TEAMGRAPH_JWT_CLOCK_TOLERANCE: '0' }));
    expect(refused(await strict(await sign(rsa, { exp: now() - 10 })))).toBe('expired');
  });

  it('refuses a token without exp, which would never expire', async () => {
    expect(refused(await createJwtVerifier(settings())(await sign(rsa, { exp: undefined })))).toBe('malformed');
  });

  it('refuses the wrong audience', async () => {
    const verify = createJwtVerifier(settings());
    expect(refused(await verify(await sign(rsa, { aud: 'api://someone-else' })))).toBe('wrong-audience');
    expect((await verify(await sign(rsa, { aud: ['api://someone-else', AUDIENCE] }))).ok).toBe(true);
  });

  it('refuses the wrong issuer, compared exactly', async () => {
    const verify = createJwtVerifier(settings());
    expect(refused(await verify(await sign(rsa, { iss: 'https://evil.example.test/' })))).toBe('wrong-issuer');
    expect(refused(await verify(await sign(rsa, { iss: ISSUER.replace(/\/$/, '') })))).toBe('wrong-issuer');
  });

  it('refuses an unsigned alg: none token', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'admin', scope: 'read write', exp: now() + 300 }));
    const token = `${header}.${payload}.`;
    expect(isJwtShaped(token)).toBe(true);
    expect(refused(await createJwtVerifier(settings())(token))).toBe('algorithm-not-allowed');
  });

  it('refuses an HS256 token signed with a shared secret', async () => {
    const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'admin', scope: 'read write' })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'));
    expect(refused(await createJwtVerifier(settings())(token))).toBe('algorithm-not-allowed');
  });

  it('refuses a token signed by a key whose kid is not in the JWKS', async () => {
    expect(refused(await createJwtVerifier(settings())(await sign(stranger)))).toBe('unknown-key');
  });

  it('refuses a token whose kid is in the JWKS but that another key signed', async () => {
    expect(refused(await createJwtVerifier(settings())(await sign(impostor)))).toBe('bad-signature');
  });

  it('refuses an algorithm outside TEAMGRAPH_JWT_ALGORITHMS even when the key is in the JWKS', async () => {
    expect(refused(await createJwtVerifier(settings({ TEAMGRAPH_JWT_ALGORITHMS: 'RS256' }))(await sign(ec)))).toBe('algorithm-not-allowed');
  });

  it('reports jwks-unavailable when nothing listens on the JWKS port', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const verify = createJwtVerifier(settings({ TEAMGRAPH_JWT_JWKS_URL: `http://127.0.0.1:${closedPort}/jwks.json` }));
    expect(refused(await verify(await sign(rsa)))).toBe('jwks-unavailable');
  });

  it('reports jwks-unavailable when the JWKS endpoint answers 500', async () => {
    const verify = createJwtVerifier(settings({ TEAMGRAPH_JWT_JWKS_URL: `${base}/broken` }));
    expect(refused(await verify(await sign(rsa)))).toBe('jwks-unavailable');
  });

  it('reports jwks-unavailable when the JWKS endpoint never answers (3 s timeout)', async () => {
    const verify = createJwtVerifier(settings({ TEAMGRAPH_JWT_JWKS_URL: `${base}/slow` }));
    const started = Date.now();
    expect(refused(await verify(await sign(rsa)))).toBe('jwks-unavailable');
    // The deadline this test proves: a JWKS that never answers is given up on, not waited for. 10 s against the 3 s
    // timeout leaves a busy machine room; only a hang fails it.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a too-long token and garbage as malformed without fetching the JWKS', async () => {
    const verify = createJwtVerifier(settings());
    const before = jwksRequests;
    const long = `${await sign(rsa)}${'A'.repeat(8192)}`;
    expect(refused(await verify(long))).toBe('malformed');
    for (const garbage of ['', 'garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.%%%.sig', 'eyJub3QganNvbg.e30.', '....']) {
      const outcome = await verify(garbage);
      expect(refused(outcome)).toBe('malformed');
    }
    expect(jwksRequests).toBe(before);
  });

  it('fetches the JWKS once for many tokens', async () => {
    const verify = createJwtVerifier(settings());
    const before = jwksRequests;
    const tokens = await Promise.all([sign(rsa), sign(ec), sign(rsa, { sub: 'other' })]);
    const outcomes = await Promise.all(tokens.map((token) => verify(token)));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(jwksRequests - before).toBe(1);
  });
});

describe('createJwtVerifier with a PEM public key', () => {
  async function pemSettings(key: CryptoKey, env: Record<string, string> = {}): Promise<JwtSettings> {
    // One line, as an environment variable holds it.
    const pem = (await exportSPKI(key)).replace(/\n/g, '\\n');
    const parsed = parseJwtSettings({ TEAMGRAPH_JWT_PUBLIC_KEY: pem, TEAMGRAPH_JWT_ISSUER: ISSUER, TEAMGRAPH_JWT_AUDIENCE: AUDIENCE, ...env });
    if (parsed === null) throw new Error('expected settings');
    return parsed;
  }

  it('accepts a token signed by the private half and refuses the rest', async () => {
    const verify = createJwtVerifier(await pemSettings(rsa.publicKey));
    expect(await verify(await sign(rsa))).toMatchObject({ ok: true, name: 'user-42', scopes: new Set(['read', 'write']) });
    // No kid is needed with a single key: the same RSA key signs whatever the header says.
    expect((await verify(await sign(rsa, {}, { kid: 'anything' }))).ok).toBe(true);
    expect(refused(await verify(await sign(impostor)))).toBe('bad-signature');
    expect(refused(await verify(await sign(ec)))).toBe('unknown-key');
    expect(refused(await verify(await sign(rsa, { exp: now() - 120 })))).toBe('expired');
  });

  it('works for an EC key too', async () => {
    const verify = createJwtVerifier(await pemSettings(ec.publicKey));
    expect((await verify(await sign(ec))).ok).toBe(true);
    expect(refused(await verify(await sign(rsa)))).toBe('unknown-key');
  });
});

describe('isJwtShaped', () => {
  it('tells a JWT from an API key', async () => {
    expect(isJwtShaped(await sign(rsa))).toBe(true);
    expect(isJwtShaped('k3y-0001')).toBe(false);
    expect(isJwtShaped('my.api.key')).toBe(false);
    expect(isJwtShaped('eyJhbGciOiJSUzI1NiJ9.e30')).toBe(false);
    expect(isJwtShaped('eyJhbGciOiJSUzI1NiJ9.e30.sig.extra')).toBe(false);
    expect(isJwtShaped('eyJhbGciOiJSUzI1NiJ9.e+30.sig')).toBe(false);
  });
});

describe('parseJwtSettings', () => {
  const jwks = { TEAMGRAPH_JWT_JWKS_URL: 'https://login.example.test/.well-known/jwks.json', TEAMGRAPH_JWT_ISSUER: ISSUER, TEAMGRAPH_JWT_AUDIENCE: AUDIENCE };

  function failure(env: Record<string, string>): string {
    try {
      parseJwtSettings(env);
    } catch (error) {
      expect(error).toBeInstanceOf(JwtConfigError);
      return (error as Error).message;
    }
    throw new Error('parseJwtSettings accepted a bad configuration');
  }

  it('returns null when no key source is set', () => {
    expect(parseJwtSettings({})).toBeNull();
    expect(parseJwtSettings({ TEAMGRAPH_JWT_JWKS_URL: '  ', TEAMGRAPH_API_KEYS: 'x:y:read' })).toBeNull();
  });

  it('applies the defaults', () => {
    expect(parseJwtSettings(jwks)).toEqual({
      jwksUrl: jwks.TEAMGRAPH_JWT_JWKS_URL,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 30,
      scopesClaim: 'scope',
      nameClaim: 'sub',
    });
  });

  it('reads every setting', () => {
    expect(
      parseJwtSettings({
        ...jwks,
        TEAMGRAPH_JWT_ALGORITHMS: ' ps256, eddsa ,ES384,PS256',
        TEAMGRAPH_JWT_CLOCK_TOLERANCE: '0',
        TEAMGRAPH_JWT_SCOPES_CLAIM: 'scp',
        TEAMGRAPH_JWT_NAME_CLAIM: 'email',
      }),
    ).toMatchObject({ algorithms: ['PS256', 'EdDSA', 'ES384'], clockToleranceSeconds: 0, scopesClaim: 'scp', nameClaim: 'email' });
  });

  it('requires the audience and the issuer', () => {
    expect(failure({ ...jwks, TEAMGRAPH_JWT_AUDIENCE: '' })).toMatch(/TEAMGRAPH_JWT_AUDIENCE is required.*such as api:\/\/teamgraph/);
    expect(failure({ ...jwks, TEAMGRAPH_JWT_ISSUER: '' })).toMatch(/TEAMGRAPH_JWT_ISSUER is required.*such as https:/);
  });

  it('refuses issuer or audience without a key source, without echoing them', () => {
    const message = failure({ TEAMGRAPH_JWT_ISSUER: 'https://secret-tenant.example.test/', TEAMGRAPH_JWT_AUDIENCE: 'aud' });
    expect(message).toMatch(/TEAMGRAPH_JWT_ISSUER and TEAMGRAPH_JWT_AUDIENCE are set but no key source: set TEAMGRAPH_JWT_JWKS_URL \(such as https:/);
    expect(message).not.toContain('secret-tenant');
  });

  it('refuses both key sources', () => {
    expect(failure({ ...jwks, TEAMGRAPH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----' })).toMatch(
      /Set only one of TEAMGRAPH_JWT_JWKS_URL and TEAMGRAPH_JWT_PUBLIC_KEY, such as/,
    );
  });

  it('refuses none, with the reason', () => {
    expect(failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: 'RS256,none' })).toMatch(
      /TEAMGRAPH_JWT_ALGORITHMS must not include none: unsigned tokens.*such as RS256,ES256/,
    );
    expect(failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: 'NONE' })).toMatch(/must not include none/);
  });

  it('refuses HS256 and the other HMAC algorithms, saying why', () => {
    const message = failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: 'RS256,HS256' });
    expect(message).toMatch(/TEAMGRAPH_JWT_ALGORITHMS must not include HS256: HMAC uses a symmetric key, so the configuration would hold a signing secret/);
    expect(message).toMatch(/such as RS256,ES256/);
    expect(failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: 'hs512' })).toMatch(/must not include HS512/);
  });

  it('refuses unknown or empty algorithm lists without echoing the entry', () => {
    const message = failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: 'RS256,s3cr3t-value' });
    expect(message).toMatch(/TEAMGRAPH_JWT_ALGORITHMS entry 2 is not a supported algorithm; choose from RS256,.*EdDSA, such as RS256,ES256/);
    expect(message).not.toContain('s3cr3t');
    expect(failure({ ...jwks, TEAMGRAPH_JWT_ALGORITHMS: ' , ' })).toMatch(/must list at least one algorithm/);
  });

  it('refuses a JWKS URL that is not http(s), without echoing it', () => {
    for (const bad of ['not a url', 'ftp://login.example.test/jwks', 'file:///etc/passwd']) {
      const message = failure({ ...jwks, TEAMGRAPH_JWT_JWKS_URL: bad });
      expect(message).toBe('TEAMGRAPH_JWT_JWKS_URL must be an http(s) URL, such as https://login.example.com/.well-known/jwks.json');
    }
    expect(parseJwtSettings({ ...jwks, TEAMGRAPH_JWT_JWKS_URL: 'http://localhost:8080/realms/dev/protocol/openid-connect/certs' })).not.toBeNull();
  });

  it('refuses a clock tolerance outside 0..300 whole seconds', () => {
    for (const bad of ['301', '-1', '1.5', 'thirty', '1e2']) {
      expect(failure({ ...jwks, TEAMGRAPH_JWT_CLOCK_TOLERANCE: bad })).toBe('TEAMGRAPH_JWT_CLOCK_TOLERANCE must be whole seconds from 0 to 300, such as 30');
    }
    expect(parseJwtSettings({ ...jwks, TEAMGRAPH_JWT_CLOCK_TOLERANCE: '300' })?.clockToleranceSeconds).toBe(300);
  });

  it('reads a one-line PEM with literal \\n and checks it against the algorithms', async () => {
    const pem = await exportSPKI(ec.publicKey);
    const env = { TEAMGRAPH_JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'), TEAMGRAPH_JWT_ISSUER: ISSUER, TEAMGRAPH_JWT_AUDIENCE: AUDIENCE };
    expect(parseJwtSettings(env)?.publicKeyPem).toBe(pem.trim());
    expect(failure({ ...env, TEAMGRAPH_JWT_ALGORITHMS: 'RS256' })).toMatch(
      /TEAMGRAPH_JWT_PUBLIC_KEY is an EC key that no algorithm in TEAMGRAPH_JWT_ALGORITHMS can use; set TEAMGRAPH_JWT_ALGORITHMS to e.g. ES256/,
    );
  });

  it('refuses a private key, a certificate and garbage as the PEM, without echoing them', async () => {
    const base = { TEAMGRAPH_JWT_ISSUER: ISSUER, TEAMGRAPH_JWT_AUDIENCE: AUDIENCE };
    const privatePem = (await exportPKCS8(rsa.privateKey)).replace(/\n/g, '\\n');
    const message = failure({ ...base, TEAMGRAPH_JWT_PUBLIC_KEY: privatePem });
    expect(message).toMatch(/TEAMGRAPH_JWT_PUBLIC_KEY holds a private key: give only the public half/);
    expect(message).not.toContain(privatePem.slice(40, 80));
    expect(failure({ ...base, TEAMGRAPH_JWT_PUBLIC_KEY: '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----' })).toMatch(
      /TEAMGRAPH_JWT_PUBLIC_KEY must be an SPKI PEM starting -----BEGIN PUBLIC KEY-----, such as the output of `openssl pkey -pubout`/,
    );
    expect(failure({ ...base, TEAMGRAPH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----' })).toMatch(
      /TEAMGRAPH_JWT_PUBLIC_KEY is not a readable SPKI public key/,
    );
  });
});

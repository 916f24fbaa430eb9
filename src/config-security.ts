// The gateway's security settings from the environment: keys (plain or hashed), mode, CORS, GraphiQL, introspection, cursors, trusted documents, logs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SCOPES, type Scope } from './scopes.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export interface ApiKey {
  name: string;
  /** SHA-256 of the key, hex: a presented key is hashed and compared, so plain and hashed entries work alike. */
  sha256: string;
  scopes: Set<Scope>;
  /** Only operations of the trusted-documents manifest (a frontend's key); false: any operation. */
  persistedOnly: boolean;
}

export type Environment = 'development' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';

export interface SecurityConfig {
  env: Environment;
  /** GraphiQL's page on GET /graphql: on in development, off in production unless TEAMGRAPH_GRAPHIQL=on. */
  graphiql: boolean;
  /** `__schema` / `__type`: on in development, off in production unless TEAMGRAPH_INTROSPECTION=on. */
  introspection: boolean;
  /** Origins allowed by CORS; empty: no CORS headers at all (browsers on other origins are refused). */
  corsOrigins: string[];
  /** The HMAC key of connection cursors; null: a random one per start (cursors do not survive a restart). */
  cursorSecret: Buffer | null;
  /** The trusted documents: operation id to its text, from TEAMGRAPH_TRUSTED_DOCUMENTS; null when unset. */
  trustedDocuments: ReadonlyMap<string, string> | null;
  /** Whether JWT callers may send operations outside the manifest. */
  jwtPersistedOnly: boolean;
  logLevel: LogLevel;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * `dashboard:k3y-1:read;sync-job:sha256=<64 hex>:read+write;web:k3y-3:read:persisted`: name, key (or its SHA-256
 * as `sha256=<hex>`, so the configuration holds no usable secret), scopes, and optionally `persisted` (trusted
 * documents only).
 */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (value === undefined) return [];
  const example = 'dashboard:k3y-0001:read;sync-job:sha256=<64 hex digits>:read+write';
  const seen = new Set<string>();
  return value
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const [name, key, scopes, option, ...rest] = entry.split(':');
      const where = `TEAMGRAPH_API_KEYS entry ${index + 1}`;
      if (!name || !key || !scopes || rest.length > 0 || (option !== undefined && option !== 'persisted')) {
        throw new ConfigError(`${where} must be name:key:scopes or name:key:scopes:persisted, such as ${example}`);
      }
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
        throw new ConfigError(`${where}: the name must be 1 to 64 letters, digits, dots, dashes or underscores (it appears in logs)`);
      let sha256: string;
      if (key.startsWith('sha256=')) {
        sha256 = key.slice('sha256='.length).toLowerCase();
        if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ConfigError(`${where} (${name}): sha256= must be followed by 64 hex digits (echo -n "$KEY" | sha256sum)`);
      } else {
        if (key.length < 8) throw new ConfigError(`${where} (${name}): the key must be at least 8 characters (openssl rand -hex 16 makes a good one)`);
        sha256 = sha256Hex(key);
      }
      if (seen.has(sha256)) throw new ConfigError(`${where} (${name}): the same key is configured twice`);
      seen.add(sha256);
      const parsed = scopes.split('+').map((s) => s.trim());
      const unknown = parsed.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (unknown.length > 0) throw new ConfigError(`${where} (${name}): unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
      return { name, sha256, scopes: new Set(parsed as Scope[]), persistedOnly: option === 'persisted' };
    });
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new ConfigError(`${name} must be on or off; got ${JSON.stringify(value)}`);
}

function corsOrigins(env: Env): string[] {
  const value = read(env, 'TEAMGRAPH_CORS_ORIGINS');
  if (value === undefined) return [];
  return value.split(',').map((origin) => {
    const trimmed = origin.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(trimmed);
    } catch {
      parsed = undefined;
    }
    // An origin is scheme://host[:port] exactly: a path or a wildcard would be a mistake worth stopping for.
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== trimmed) {
      throw new ConfigError(
        `TEAMGRAPH_CORS_ORIGINS must be origins separated by commas, such as https://app.example.com,http://localhost:5173; got ${JSON.stringify(trimmed)}`,
      );
    }
    return trimmed;
  });
}

function cursorSecret(env: Env): Buffer | null {
  const value = read(env, 'TEAMGRAPH_CURSOR_SECRET');
  if (value === undefined) return null;
  if (value.length < 32) throw new ConfigError('TEAMGRAPH_CURSOR_SECRET must be at least 32 characters (openssl rand -hex 32 makes one)');
  return Buffer.from(value, 'utf8');
}

/**
 * The manifest Relay (`persisted_queries.json`) and GraphQL Code Generator's client preset
 * (`persisted-documents.json`) write: one JSON object of operation id to operation text.
 */
export function loadTrustedDocuments(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`TEAMGRAPH_TRUSTED_DOCUMENTS: cannot read ${JSON.stringify(path)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`TEAMGRAPH_TRUSTED_DOCUMENTS: ${JSON.stringify(path)} is not JSON; it must be an object of operation id to operation text`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`TEAMGRAPH_TRUSTED_DOCUMENTS: ${JSON.stringify(path)} must be an object of operation id to operation text`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || !/^[A-Za-z0-9:_-]{1,128}$/.test(id)) {
      throw new ConfigError(
        `TEAMGRAPH_TRUSTED_DOCUMENTS: entry ${JSON.stringify(id.slice(0, 40))} must be an id (letters, digits, : _ -) mapped to a GraphQL string`,
      );
    }
    documents.set(id, document);
  }
  return documents;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'];

export function loadSecurityConfig(env: Env): SecurityConfig {
  const mode = read(env, 'TEAMGRAPH_ENV') ?? 'development';
  if (mode !== 'development' && mode !== 'production') throw new ConfigError(`TEAMGRAPH_ENV must be development or production; got ${JSON.stringify(mode)}`);
  const production = mode === 'production';
  const secret = cursorSecret(env);
  // Several instances (Lambda containers) must read each other's cursors: production needs one shared key.
  if (production && secret === null)
    throw new ConfigError('TEAMGRAPH_ENV=production needs TEAMGRAPH_CURSOR_SECRET (at least 32 characters, the same on every instance)');
  const manifest = read(env, 'TEAMGRAPH_TRUSTED_DOCUMENTS');
  const trustedDocuments = manifest === undefined ? null : loadTrustedDocuments(manifest);
  const jwtOperations = read(env, 'TEAMGRAPH_JWT_OPERATIONS') ?? (trustedDocuments ? 'persisted' : 'any');
  if (jwtOperations !== 'persisted' && jwtOperations !== 'any')
    throw new ConfigError(`TEAMGRAPH_JWT_OPERATIONS must be persisted or any; got ${JSON.stringify(jwtOperations)}`);
  if (jwtOperations === 'persisted' && !trustedDocuments)
    throw new ConfigError('TEAMGRAPH_JWT_OPERATIONS=persisted needs TEAMGRAPH_TRUSTED_DOCUMENTS (the manifest of allowed operations)');
  const logLevel = (read(env, 'TEAMGRAPH_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`TEAMGRAPH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got ${JSON.stringify(logLevel)}`);
  return {
    env: mode,
    graphiql: onOff(env, 'TEAMGRAPH_GRAPHIQL', !production),
    introspection: onOff(env, 'TEAMGRAPH_INTROSPECTION', !production),
    corsOrigins: corsOrigins(env),
    cursorSecret: secret,
    trustedDocuments,
    jwtPersistedOnly: jwtOperations === 'persisted',
    logLevel,
  };
}

/** Variables whose values are credentials: the logger replaces their values wherever they would appear. */
const SECRET_VARIABLE = /(TOKEN|PASSWORD|SECRET|ACCESS_KEY)$/;

/** Every credential the environment holds (provider tokens and passwords, API keys, the cursor key), for log scrubbing. */
/** The password of a Redis URL, as written and decoded: what a log line must never show. */
function redisPassword(url: string): string[] {
  try {
    const password = new URL(url).password;
    return password === '' ? [] : [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}

export function secretValues(env: Env): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '') continue;
    if (SECRET_VARIABLE.test(name)) values.push(value.trim());
    if (name === 'TEAMGRAPH_REDIS_URL') values.push(...redisPassword(value.trim()));
    if (name === 'TEAMGRAPH_API_KEYS') {
      for (const entry of value.split(';')) {
        const key = entry.split(':')[1]?.trim();
        if (key && !key.startsWith('sha256=')) values.push(key);
      }
    }
  }
  return values;
}

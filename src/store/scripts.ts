// The Lua scripts the Redis store runs (EVALSHA through ioredis' defineCommand): each update is one atomic step on the server.
// Every key a script touches is passed in KEYS and shares the credential's hash tag, so they work on a cluster too.
// Time comes from the server (TIME), so instances with drifting clocks still share one window.

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const STAMP = `local g = redis.call('HMGET', KEYS[1], '*', ARGV[1]); local stamp = (g[1] or '0') .. '.' .. (g[2] or '0')`;

/** KEYS: generations, entry. ARGV: scope. Returns {stamp} or {stamp, value}. */
export const CACHE_GET = `${STAMP}
local v = redis.call('GET', KEYS[2])
if v then
  local nl = string.find(v, '\\n', 1, true)
  if nl and string.sub(v, 1, nl - 1) == stamp then return {stamp, string.sub(v, nl + 1)} end
end
return {stamp}`;

/** KEYS: generations, entry. ARGV: scope, stamp read before the call, value, ttl ms. Stores only under the same stamp. */
export const CACHE_PUT = `${STAMP}
if stamp ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[2], stamp .. '\\n' .. ARGV[3], 'PX', ARGV[4])
return 1`;

/** KEYS: generations. ARGV: scopes to bump. */
export const INVALIDATE = `for i = 1, #ARGV do redis.call('HINCRBY', KEYS[1], ARGV[i], 1) end
return #ARGV`;

/**
 * KEYS: ticket log (sorted set, score = ms), blocked-until. ARGV: quota (0: none), window ms, hold ms, tickets...
 * A new ticket is scored `hold` ms ahead (its call may still be in flight until then) and re-dated when answered.
 * Returns {1, 0} when every ticket got a slot, else {0, ms to wait} (-1: more tickets than the quota).
 */
export const ADMIT = `${NOW}
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return {0, blocked - now} end
local quota = tonumber(ARGV[1])
if quota == 0 then return {1, 0} end
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[3])
local n = #ARGV - 3
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used + n > quota then
  if n > quota then return {0, -1} end
  local index = used + n - quota - 1
  local freeing = tonumber(redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')[2])
  -- Still in flight: it frees a window after its answer, which comes no sooner than now.
  if freeing > now then freeing = now end
  local wait = freeing + window - now + 1
  if wait < 1 then wait = 1 end
  return {0, wait}
end
for i = 4, #ARGV do redis.call('ZADD', KEYS[1], now + hold, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], window * 2 + hold)
return {1, 0}`;

/** KEYS: ticket log. ARGV: tickets answered now (a ticket that already left the window stays out). */
export const SETTLE = `${NOW}
for i = 1, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now, ARGV[i]) end
return #ARGV`;

/** KEYS: blocked-until. ARGV: ms. Never shortens a longer block another instance set. */
export const BLOCK = `${NOW}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilMs then return 0 end
redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]))
return 1`;

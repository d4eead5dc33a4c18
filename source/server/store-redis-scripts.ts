/**
 * The Lua scripts the Redis store runs; Redis runs each atomically, so no
 * other client's command lands in between.
 */

/**
 * A commit. KEYS: revision, changelog, changelog floor, audit sequence, then
 * the expected keys, then the changed keys. ARGV: counts of expectations and
 * changes, revisions to keep, the audit key prefix, the audit entry (keyv
 * format, without Id; '' for none), the expected Versions ('' = absent), then
 * a value ('' = delete) and a ttl in ms ('0' = none, and logged) per change.
 * Returns {1, revision} or {0, the key whose expectation failed}.
 */
export const commitScript = `
local nExpect, nChange, keep = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, nExpect do
  local key, want = KEYS[4 + i], ARGV[5 + i]
  local current = redis.call('GET', key)
  if want == '' then
    if current then return {0, key} end
  else
    if not current then return {0, key} end
    local ok, decoded = pcall(cjson.decode, current)
    if not ok or type(decoded) ~= 'table' or type(decoded.value) ~= 'table'
      or tostring(decoded.value.Version) ~= want then
      return {0, key}
    end
  end
end
local base = 5 + nExpect
local logged = ARGV[5] ~= ''
for i = 1, nChange do
  if ARGV[base + 2 * i] == '0' then logged = true end
end
local revision = 0
if logged then revision = redis.call('INCR', KEYS[1]) end
for i = 1, nChange do
  local key, value, ttl = KEYS[4 + nExpect + i], ARGV[base + 2 * i - 1], ARGV[base + 2 * i]
  if value == '' then redis.call('DEL', key)
  elseif ttl ~= '0' then redis.call('SET', key, value, 'PX', ttl)
  else redis.call('SET', key, value) end
  if ttl == '0' then redis.call('ZADD', KEYS[2], revision, revision .. ' ' .. key) end
end
if ARGV[5] ~= '' then
  local sequence = redis.call('INCR', KEYS[4])
  local key = ARGV[4] .. string.format('%012d', sequence)
  redis.call('SET', key, '{"value":{"Id":"' .. sequence .. '",' .. string.sub(ARGV[5], 11))
  redis.call('ZADD', KEYS[2], revision, revision .. ' ' .. key)
end
if logged and revision > keep then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', revision - keep)
  redis.call('SET', KEYS[3], revision - keep)
end
return {1, revision}
`;

/**
 * What changed since ARGV[1]: {revision}, {revision, 'reload'} when the
 * changelog no longer reaches back that far, or {revision, 'changes', key,
 * value ('' = deleted), …} with each key once, as it is now.
 */
export const changesScript = `
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
local since = tonumber(ARGV[1])
if revision == since then return {revision} end
local floor = tonumber(redis.call('GET', KEYS[3]) or '0')
if since > revision or since < floor then return {revision, 'reload'} end
local result = {revision, 'changes'}
local seen = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. since, revision)) do
  local key = string.sub(member, string.find(member, ' ', 1, true) + 1)
  if not seen[key] then
    seen[key] = true
    result[#result + 1] = key
    result[#result + 1] = redis.call('GET', key) or ''
  end
end
return result
`;

/** Deletes a lock only if it still holds this holder's token. */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

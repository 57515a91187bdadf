"""Lua scripts of the Redis queue store: each change is one atomic script on the server.

Keys are built inside the scripts from ARGV[1] (the key prefix), so the store needs a
standalone Redis (or a primary with replicas), not Redis Cluster. Key layout under prefix P:
  P..'call:'..id               hash: the call (context JSON, state, times, agent, result)
  P..'waiting:'..tenant..':'..queue   zset: waiting ids, score (9 - priority) * 1e12 + seq
  P..'claimed'                 zset: claimed ids by last heartbeat (all tenants)
  P..'queues:'..tenant         set: queue names that held calls
  P..'handle:'..tenant..':'..queue    list: recent handling times in seconds, newest first
  P..'agents:'..tenant..':'..queue    zset: agent -> last claim time
  P..'hourly:'..tenant..':'..queue..':'..day  hash: entered:H handled:H wait_sum:H wait_n:H
  P..'rev:'..tenant            counter bumped by every change (live updates)
  P..'seq'                     counter: arrival order
"""

# Shared helpers prepended to every script.
_HELPERS = """
local P = ARGV[1]
local function qkey(kind, tenant, queue) return P .. kind .. ':' .. tenant .. ':' .. queue end
local function score(priority, seq)
  return string.format('%.0f', (9 - tonumber(priority)) * 1e12 + tonumber(seq))
end
local function bump(tenant) redis.call('INCR', P .. 'rev:' .. tenant) end
local function hourly(tenant, queue, day) return qkey('hourly', tenant, queue) .. ':' .. day end
"""

# requeue(cutoff): claims whose last heartbeat is older than cutoff go back; returns their ids.
_REQUEUE_BODY = """
local function requeue(cutoff)
  local ids = redis.call('ZRANGEBYSCORE', P .. 'claimed', '-inf', '(' .. cutoff)
  for _, id in ipairs(ids) do
    local key = P .. 'call:' .. id
    local f = redis.call('HMGET', key, 'tenant', 'queue', 'priority', 'seq')
    redis.call('ZREM', P .. 'claimed', id)
    if f[1] then
      redis.call('HSET', key, 'state', 'waiting')
      redis.call('HDEL', key, 'agent', 'claimed_at', 'heartbeat_at')
      redis.call('ZADD', qkey('waiting', f[1], f[2]), score(f[3], f[4]), id)
      bump(f[1])
    end
  end
  return ids
end
"""

# ARGV: prefix, call_id, tenant, queue, priority, context, schema, now, day, hour
# -> the new call's hash, or 0 when the id is known
ENQUEUE = (
    _HELPERS
    + """
local id, tenant, queue = ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'call:' .. id
if redis.call('EXISTS', key) == 1 then return 0 end
local seq = redis.call('INCR', P .. 'seq')
redis.call('HSET', key, 'call_id', id, 'tenant', tenant, 'queue', queue, 'priority', ARGV[5],
  'state', 'waiting', 'context', ARGV[6], 'context_schema', ARGV[7], 'context_version', 1,
  'enqueued_at', ARGV[8], 'claims', 0, 'seq', seq)
redis.call('ZADD', qkey('waiting', tenant, queue), score(ARGV[5], seq), id)
redis.call('SADD', P .. 'queues:' .. tenant, queue)
local h = hourly(tenant, queue, ARGV[9])
redis.call('HINCRBY', h, 'entered:' .. ARGV[10], 1)
redis.call('EXPIRE', h, 259200)
bump(tenant)
return redis.call('HGETALL', key)
"""
)

# ARGV: prefix, tenant, queue, agent, now, day, hour, cutoff -> the claimed call's hash or
# false. Abandoned claims (heartbeat before cutoff) are requeued first, in the same step.
CLAIM = (
    _HELPERS
    + _REQUEUE_BODY
    + """
local tenant, queue, agent, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
requeue(ARGV[8])
local ids = redis.call('ZRANGE', qkey('waiting', tenant, queue), 0, 0)
if #ids == 0 then return false end
local id = ids[1]
local key = P .. 'call:' .. id
redis.call('ZREM', qkey('waiting', tenant, queue), id)
redis.call('HSET', key, 'state', 'claimed', 'agent', agent, 'claimed_at', now, 'heartbeat_at', now)
redis.call('HINCRBY', key, 'claims', 1)
redis.call('ZADD', P .. 'claimed', now, id)
redis.call('ZADD', qkey('agents', tenant, queue), now, agent)
local h = hourly(tenant, queue, ARGV[6])
local waited = tonumber(now) - tonumber(redis.call('HGET', key, 'enqueued_at'))
redis.call('HINCRBYFLOAT', h, 'wait_sum:' .. ARGV[7], waited)
redis.call('HINCRBY', h, 'wait_n:' .. ARGV[7], 1)
redis.call('EXPIRE', h, 259200)
bump(tenant)
return redis.call('HGETALL', key)
"""
)

# Checks that ARGV[2] (id) of tenant ARGV[3] is claimed by ARGV[4]; returns the key or an error.
_HELD = """
local id, tenant, agent = ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'call:' .. id
local f = redis.call('HMGET', key, 'tenant', 'state', 'agent', 'queue', 'priority', 'seq')
if f[1] ~= tenant then return 'unknown' end
if f[2] ~= 'claimed' or f[3] ~= agent then return 'lost:' .. tostring(f[2]) end
"""

# ARGV: prefix, call_id, tenant, agent, now
HEARTBEAT = (
    _HELPERS
    + _HELD
    + """
redis.call('HSET', key, 'heartbeat_at', ARGV[5])
redis.call('ZADD', P .. 'claimed', ARGV[5], id)
return 'ok'
"""
)

# ARGV: prefix, call_id, tenant, agent
RELEASE = (
    _HELPERS
    + _HELD
    + """
redis.call('HSET', key, 'state', 'waiting')
redis.call('HDEL', key, 'agent', 'claimed_at', 'heartbeat_at')
redis.call('ZREM', P .. 'claimed', id)
redis.call('ZADD', qkey('waiting', tenant, f[4]), score(f[5], f[6]), id)
bump(tenant)
return 'ok'
"""
)

# ARGV: prefix, call_id, tenant, agent, now, result, note, day, hour, recent_kept
CLOSE = (
    _HELPERS
    + _HELD
    + """
local queue = f[4]
redis.call('HSET', key, 'state', 'closed', 'closed_at', ARGV[5], 'result', ARGV[6], 'note', ARGV[7])
redis.call('ZREM', P .. 'claimed', id)
local handled = tonumber(ARGV[5]) - tonumber(redis.call('HGET', key, 'claimed_at'))
redis.call('LPUSH', qkey('handle', tenant, queue), handled)
redis.call('LTRIM', qkey('handle', tenant, queue), 0, tonumber(ARGV[10]) - 1)
local h = hourly(tenant, queue, ARGV[8])
redis.call('HINCRBY', h, 'handled:' .. ARGV[9], 1)
redis.call('EXPIRE', h, 259200)
redis.call('EXPIRE', key, 604800)
bump(tenant)
return 'ok'
"""
)

# ARGV: prefix, call_id, now, reason -> state after the call, or 'unknown'
CANCEL = (
    _HELPERS
    + """
local id = ARGV[2]
local key = P .. 'call:' .. id
local f = redis.call('HMGET', key, 'tenant', 'state', 'queue')
if not f[1] then return 'unknown' end
if f[2] ~= 'waiting' then return f[2] end
redis.call('ZREM', qkey('waiting', f[1], f[3]), id)
redis.call('HSET', key, 'state', 'closed', 'closed_at', ARGV[3], 'result', ARGV[4])
redis.call('EXPIRE', key, 604800)
bump(f[1])
return 'closed'
"""
)

# ARGV: prefix, call_id, context, schema
UPDATE_CONTEXT = (
    _HELPERS
    + """
local key = P .. 'call:' .. ARGV[2]
local tenant = redis.call('HGET', key, 'tenant')
if not tenant then return 'unknown' end
redis.call('HSET', key, 'context', ARGV[3], 'context_schema', ARGV[4])
redis.call('HINCRBY', key, 'context_version', 1)
bump(tenant)
return 'ok'
"""
)

# ARGV: prefix, cutoff -> ids of the calls put back
REQUEUE = (
    _HELPERS
    + _REQUEUE_BODY
    + """
return requeue(ARGV[2])
"""
)

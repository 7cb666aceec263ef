-- wrk script for scripts/bench-web.sh: sends a browser's cookies (env BENCH_COOKIE, a Cookie header), counts answers
-- other than 200 (a redirect to the sign-in page is an error here, which wrk's own "Non-2xx or 3xx" count would miss),
-- and adopts any re-issued cookie, as a browser would.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local names = {}
local values = {}
local prepared

local function rebuild()
    local parts = {}
    for _, name in ipairs(names) do
        table.insert(parts, name .. "=" .. values[name])
    end
    wrk.headers["Cookie"] = table.concat(parts, "; ")
    prepared = wrk.format()
end

local function adopt(pair)
    local name, value = string.match(pair, "^%s*([^=]+)=(.*)$")
    if name == nil or values[name] == value then
        return false
    end
    if values[name] == nil then
        table.insert(names, name)
    end
    values[name] = value
    return true
end

function init(args)
    not_ok = 0
    for pair in string.gmatch(os.getenv("BENCH_COOKIE") or "", "[^;]+") do
        adopt(pair)
    end
    rebuild()
end

-- the prepared request, rebuilt only when a cookie changes
function request()
    return prepared
end

function response(status, headers, body)
    if status ~= 200 then
        not_ok = not_ok + 1
    end
    local set = headers["Set-Cookie"]
    if set ~= nil and adopt(string.match(set, "^[^;]*")) then
        rebuild()
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("not_ok")
    end
    local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("BENCH %.1f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, total, socket, summary.requests))
end

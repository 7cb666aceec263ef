-- wrk script for scripts/bench-web.sh: sends the sign-in cookie (env BENCH_COOKIE), counts answers other than 200
-- (a redirect to the sign-in page is an error here, which wrk's own "Non-2xx or 3xx" count would miss), and adopts a
-- re-issued sign-in cookie, as a browser would.
local cookie = os.getenv("BENCH_COOKIE") or ""
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local prepared

function init(args)
    not_ok = 0
    wrk.headers["Cookie"] = cookie
    prepared = wrk.format()
end

-- the prepared request, rebuilt only when the cookie changes
function request()
    return prepared
end

function response(status, headers, body)
    if status ~= 200 then
        not_ok = not_ok + 1
    end
    local set = headers["Set-Cookie"]
    if set ~= nil then
        local fresh = string.match(set, "(gas%.auth=[^;]+)")
        if fresh ~= nil and fresh ~= wrk.headers["Cookie"] then
            wrk.headers["Cookie"] = fresh
            prepared = wrk.format()
        end
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

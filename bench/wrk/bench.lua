-- wrk script for bench/run.sh. Environment:
--   BENCH_TOKEN   a token sent with every request
--   BENCH_SCHEME  the Authorization scheme BENCH_TOKEN is sent with: Bearer (the default) or DPoP
--   BENCH_TOKENS  a file of tokens, one a line: each request carries the next one, in turn
--   BENCH_PATHS   comma-separated paths: each request goes to the next one, in turn, instead of the URL's path
--   BENCH_PROOFS  a file of DPoP proofs (RFC 9449), one a line: each request carries the next one in its DPoP header,
--                 each proof once; should they run out, they are sent again (and refused), and counted as reused
-- done() prints one machine-readable line, RESULT key=value ..., that run.sh parses.

local token = os.getenv("BENCH_TOKEN")
local scheme = os.getenv("BENCH_SCHEME")
local tokens_file = os.getenv("BENCH_TOKENS")
local paths = os.getenv("BENCH_PATHS")
local proofs_file = os.getenv("BENCH_PROOFS")

if scheme == nil or scheme == "" then
   scheme = "Bearer"
end
if token and token ~= "" then
   wrk.headers["Authorization"] = scheme .. " " .. token
end

local rotate_tokens = tokens_file ~= nil and tokens_file ~= ""
local rotate_paths = paths ~= nil and paths ~= ""
local rotate_proofs = proofs_file ~= nil and proofs_file ~= ""

if (rotate_tokens and 1 or 0) + (rotate_paths and 1 or 0) + (rotate_proofs and 1 or 0) > 1 then
   error("BENCH_TOKENS, BENCH_PATHS and BENCH_PROOFS are not supported together")
end
if rotate_proofs and wrk.headers["Authorization"] == nil then
   error("BENCH_PROOFS needs BENCH_TOKEN, the token the proofs are bound to")
end

-- Requests this thread sent with a proof it had sent before: a global, so that done() can read it (thread:get).
reused = 0
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- Each thread formats its requests once, up front, from the tokens, the paths or the proofs: per request only a lookup
-- remains, each request the next one in turn.
local requests = {}
local count = 0

local function add(formatted)
   count = count + 1
   requests[count] = formatted
end

if rotate_tokens then
   function init(args)
      for line in io.lines(tokens_file) do
         if line ~= "" then
            add(wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. line }))
         end
      end
      if count == 0 then
         error("no tokens in " .. tokens_file)
      end
   end
elseif rotate_paths then
   function init(args)
      for path in string.gmatch(paths, "[^,]+") do
         add(wrk.format(nil, path))
      end
   end
elseif rotate_proofs then
   function init(args)
      local authorization = wrk.headers["Authorization"]
      for line in io.lines(proofs_file) do
         if line ~= "" then
            add(wrk.format(nil, nil, { ["Authorization"] = authorization, ["DPoP"] = line }))
         end
      end
      if count == 0 then
         error("no proofs in " .. proofs_file)
      end
   end
end

if rotate_proofs then
   local next_index = 0

   function request()
      next_index = next_index + 1
      if next_index > count then
         reused = reused + 1
         return requests[(next_index - 1) % count + 1]
      end
      return requests[next_index]
   end
elseif rotate_tokens or rotate_paths then
   local next_index = 0

   function request()
      next_index = next_index % count + 1
      return requests[next_index]
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   local reused_proofs = 0
   for _, thread in ipairs(threads) do
      reused_proofs = reused_proofs + thread:get("reused")
   end
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d reused=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max,
      errors.status, errors.connect, errors.read, errors.write, errors.timeout, reused_proofs))
end

-- wrk script for bench/run.sh. Environment:
--   BENCH_TOKEN   a bearer token sent with every request
--   BENCH_TOKENS  a file of tokens, one a line: each request carries the next one, in turn
--   BENCH_PATHS   comma-separated paths: each request goes to the next one, in turn, instead of the URL's path
-- done() prints one machine-readable line, RESULT key=value ..., that run.sh parses.

local token = os.getenv("BENCH_TOKEN")
local tokens_file = os.getenv("BENCH_TOKENS")
local paths = os.getenv("BENCH_PATHS")

if token and token ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. token
end

local rotate_tokens = tokens_file ~= nil and tokens_file ~= ""
local rotate_paths = paths ~= nil and paths ~= ""

if rotate_tokens and rotate_paths then
   error("BENCH_TOKENS and BENCH_PATHS together are not supported")
end

-- Each thread formats its requests once, up front, from the tokens or the paths: per request only a table lookup
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
end

if rotate_tokens or rotate_paths then
   local next_index = 0

   function request()
      next_index = next_index % count + 1
      return requests[next_index]
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max,
      errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end

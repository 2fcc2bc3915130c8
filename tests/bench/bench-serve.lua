-- SPDX-License-Identifier: MIT
-- wrk script of tests/bench/bench-serve.sh: each request is the next
-- line of $BENCH_SERVE_PATHS (request paths, already percent-encoded),
-- threads starting at different lines.
local paths = {}
local i = 0
local file = os.getenv("BENCH_SERVE_PATHS")

for line in io.lines(file) do
	paths[#paths + 1] = line
end

local counter = 0
function setup(thread)
	counter = counter + 1
	thread:set("offset", counter * 997)
end

function init(args)
	i = offset or 0
end

function request()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end

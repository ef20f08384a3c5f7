-- wrk script: prints one machine-readable line at the end: rps, p50 and p99 in microseconds,
-- and the count of non-2xx answers, for tests/bench/run to format.
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("BENCH rps=%.1f p50_us=%d p99_us=%d errors=%d non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    non2xx, summary.requests))
end

package io.pushgate.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one load-test run found: written as {@code result.json} and rendered as
 * {@code report.html}.
 *
 * @param workload unicast, fanout, idle or million
 * @param passed true when no check failed
 * @param failures what went wrong, one sentence each (empty when passed)
 * @param startedAt when the run began (ISO-8601, UTC)
 * @param elapsedSeconds measured time: from the first notification sent (or socket opened) to the last
 *     one received (or the end of the hold)
 * @param command the command line, for reproducing the run
 * @param settings the options the run used, by name
 * @param environment the machine: cores, memory, JVM, OS
 * @param totals counts of the whole run
 * @param latency end-to-end latency of every notification received (sender's stamp to reception)
 * @param ingressLatency time from an ingress POST to its 2xx (the gateway's commit)
 * @param serverUsage what the measured phase cost the server (CPU per 1,000 delivered, memory); null
 *     for a run that delivers nothing (idle)
 * @param details figures particular to the workload (fan-out times, memory per connection, ...)
 * @param timeline one entry per second
 */
public record RunResult(
    String workload,
    boolean passed,
    List<String> failures,
    String startedAt,
    double elapsedSeconds,
    String command,
    Map<String, Object> settings,
    Map<String, Object> environment,
    Totals totals,
    LatencySummary latency,
    LatencySummary ingressLatency,
    ServerUsage serverUsage,
    Map<String, Object> details,
    List<Interval> timeline) {

  /** Copies the collections (keeping the maps' order, which the report shows) so the result stays as written. */
  public RunResult {
    failures = List.copyOf(failures);
    settings = ordered(settings);
    environment = ordered(environment);
    details = ordered(details);
    timeline = List.copyOf(timeline);
  }

  static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Counts of a run.
   *
   * @param connections sockets open when traffic started (idle: at the end of the hold)
   * @param connectFailures sockets that could not be opened
   * @param sent notifications the harness numbered and posted
   * @param accepted notifications the gateway answered with 2xx
   * @param delivered distinct sent notifications received
   * @param lost sent, not failed for good, never received
   * @param duplicates notifications received more than once (extra copies)
   * @param unexpected notifications received that were never sent
   * @param failed notifications whose post failed for good (and that never arrived)
   * @param rejected ingress answers 503 (each retried after a pause)
   * @param errors errors by kind
   */
  public record Totals(long connections, long connectFailures, long sent, long accepted, long delivered, long lost,
      long duplicates, long unexpected, long failed, long rejected, Map<String, Long> errors) {
    public Totals {
      errors = ordered(errors);
    }
  }
}

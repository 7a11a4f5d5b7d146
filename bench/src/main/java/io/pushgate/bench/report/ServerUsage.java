package io.pushgate.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the measured phase of a run cost the server under test, in figures that compare across
 * servers. The phase runs from the first measured send to the end of the drain (warm-up excluded).
 *
 * @param server "pushgate" or "Nchan"
 * @param delivered distinct notifications delivered in the phase (fanout: deliveries)
 * @param deliveredPerSecond delivered notifications per second, first measured send to last delivery
 * @param cpuMsPerThousand server CPU time (user + system) per 1,000 delivered, in ms, cumulatively over
 *     its process groups: pushgate "gateway JVM", then "gateway JVM + its PostgreSQL"; Nchan "nginx
 *     (master + workers)". The last entry is the whole server. Empty when nothing was delivered or the
 *     processes could not be read (a gateway the harness did not start and got no pid of).
 * @param memoryMiB proportional set size of all the server's processes at the end of the phase, null
 *     when unknown
 */
public record ServerUsage(String server, long delivered, double deliveredPerSecond,
    Map<String, Double> cpuMsPerThousand, Double memoryMiB) {

  public ServerUsage {
    cpuMsPerThousand = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMsPerThousand));
  }

  /** The whole server's CPU ms per 1,000 delivered (the last group), null when unknown. */
  public Double wholeServerCpuMsPerThousand() {
    Double last = null;
    for (Double v : cpuMsPerThousand.values()) {
      last = v;
    }
    return last;
  }

  /** The first process group's CPU ms per 1,000 delivered (the gateway JVM alone; nginx), null when unknown. */
  public Double mainProcessCpuMsPerThousand() {
    return cpuMsPerThousand.isEmpty() ? null : cpuMsPerThousand.values().iterator().next();
  }

  /** The name of the first process group, or "" when none. */
  public String mainProcess() {
    return cpuMsPerThousand.isEmpty() ? "" : cpuMsPerThousand.keySet().iterator().next();
  }
}

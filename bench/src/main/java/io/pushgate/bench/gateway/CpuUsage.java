package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the parties of a run on one machine: the harness and each process group of the server
 * under test ({@link ServerUnderTest#processGroups()}: the gateway's JVM and its embedded PostgreSQL,
 * or nginx's master and workers). Read from {@code /proc/<pid>/stat}; a group that cannot be read is
 * left out. Two readings give the CPU each party used in between: as cores, which says who was the
 * bottleneck, and per notification delivered, which says what the server costs.
 *
 * <p>Each reading also takes the whole machine's CPU ({@link MachineCpu}): how much of the cores
 * was left idle, and how much the hypervisor stole.
 *
 * <p>Processes are looked up at each reading, so a process that exits in between (a PostgreSQL
 * backend) takes its time with it: the figures are for long-lived processes, which these servers'
 * are.
 */
public final class CpuUsage {
  /** USER_HZ: the unit of /proc/<pid>/stat times on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100;
  static final String CORES = "CPU cores used: ";
  /** The details entry of the machine's shares: what was left idle says how near saturation a run was. */
  static final String MACHINE = "machine CPU, all cores";

  private CpuUsage() {}

  /**
   * CPU seconds used so far (user + system).
   *
   * @param atNanos {@link System#nanoTime()} of the reading
   * @param harness this JVM's, NaN when unknown
   * @param server each process group's, summed over its processes, in the server's order
   * @param machine the whole machine's, null when unknown
   */
  public record Reading(long atNanos, double harness, Map<String, Double> server, MachineCpu machine) {
    public Reading {
      server = Collections.unmodifiableMap(new LinkedHashMap<>(server));
    }
  }

  /**
   * CPU used between two readings.
   *
   * @param seconds wall-clock time between them
   * @param harness CPU seconds of the harness, NaN when unknown
   * @param server CPU seconds of each server group read both times, in the server's order
   * @param machine how the machine's cores were spent ({@link MachineCpu#sharesSince}), null when unknown
   */
  public record Used(double seconds, double harness, Map<String, Double> server, String machine) {
    public Used {
      server = Collections.unmodifiableMap(new LinkedHashMap<>(server));
    }

    /**
     * Cores each party used, rounded to hundredths, as a result's details name them, then how the
     * whole machine's cores were spent when both readings had it.
     */
    public Map<String, Object> cores() {
      Map<String, Object> out = new LinkedHashMap<>();
      if (!Double.isNaN(harness)) {
        out.put(CORES + "harness", round(harness / seconds, 100));
      }
      server.forEach((group, cpu) -> out.put(CORES + group, round(cpu / seconds, 100)));
      if (machine != null) {
        out.put(MACHINE, machine);
      }
      return out;
    }

    /**
     * CPU milliseconds per 1,000 notifications delivered, cumulatively over the server's groups: the
     * first group alone, then the first two together, and so on ("gateway JVM", "gateway JVM + its
     * PostgreSQL"); the last entry is the whole server. Empty when nothing was delivered.
     */
    public Map<String, Double> msPerThousand(long delivered) {
      Map<String, Double> out = new LinkedHashMap<>();
      if (delivered <= 0) {
        return out;
      }
      String name = null;
      double sum = 0;
      for (Map.Entry<String, Double> group : server.entrySet()) {
        name = name == null ? group.getKey() : name + " + " + group.getKey();
        sum += group.getValue();
        out.put(name, round(sum * 1000 / delivered * 1000, 1000));
      }
      return out;
    }
  }

  /** Reads the harness and every group of {@code server} now. */
  public static Reading read(ServerUnderTest server) {
    long now = System.nanoTime();
    Map<String, Double> groups = new LinkedHashMap<>();
    server.processGroups().forEach((group, pids) -> {
      double total = sum(pids);
      if (!Double.isNaN(total)) {
        groups.put(group, total);
      }
    });
    return new Reading(now, seconds(ProcessHandle.current().pid()), groups, MachineCpu.read());
  }

  /** What each party used from {@code from} to {@code to}; a group missing from either is left out. */
  public static Used between(Reading from, Reading to) {
    double seconds = Math.max(1e-9, (to.atNanos() - from.atNanos()) / 1e9);
    Map<String, Double> server = new LinkedHashMap<>();
    from.server().forEach((group, before) -> {
      Double after = to.server().get(group);
      if (after != null) {
        server.put(group, Math.max(0, after - before));
      }
    });
    String machine = from.machine() == null || to.machine() == null ? null : to.machine().sharesSince(from.machine());
    return new Used(seconds, to.harness() - from.harness(), server, machine);
  }

  /** CPU seconds of the processes still there, NaN when none of them could be read. */
  private static double sum(List<Long> pids) {
    double total = Double.NaN;
    for (long pid : pids) {
      double s = seconds(pid);
      if (!Double.isNaN(s)) {
        total = Double.isNaN(total) ? s : total + s;
      }
    }
    return total;
  }

  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // after "pid (comm) ", utime and stime are the 12th and 13th fields
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}

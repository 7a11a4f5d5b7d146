package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the three parties of a run on one machine: the harness, the gateway's JVM and, when the
 * harness started the gateway, its embedded PostgreSQL (the postmaster serving the run's data
 * directory and its backends; it daemonizes, so it is found by its data directory rather than as the
 * gateway's child). Read from {@code /proc/<pid>/stat}; a party that cannot be read counts as unknown.
 * Two readings give the cores each party used in between, which says who was the bottleneck.
 */
public final class CpuUsage {
  /** USER_HZ: the unit of /proc/<pid>/stat times on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuUsage() {}

  /**
   * CPU seconds used so far (user + system), NaN when unknown.
   *
   * @param atNanos {@link System#nanoTime()} of the reading
   */
  public record Reading(long atNanos, double harness, double gateway, double database) {}

  /** Reads all three now. */
  public static Reading read(GatewayTarget target) {
    long now = System.nanoTime();
    double harness = seconds(ProcessHandle.current().pid());
    double gateway = target.pid().isPresent() ? seconds(target.pid().getAsLong()) : Double.NaN;
    double database = target.dataDir().map(CpuUsage::database).orElse(Double.NaN);
    return new Reading(now, harness, gateway, database);
  }

  /** Cores each party used between two readings, rounded to hundredths, for a result's details. */
  public static Map<String, Object> between(Reading from, Reading to) {
    double seconds = Math.max(1e-9, (to.atNanos() - from.atNanos()) / 1e9);
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "CPU cores used: harness", from.harness(), to.harness(), seconds);
    put(out, "CPU cores used: gateway JVM", from.gateway(), to.gateway(), seconds);
    put(out, "CPU cores used: its PostgreSQL", from.database(), to.database(), seconds);
    return out;
  }

  private static void put(Map<String, Object> out, String name, double from, double to, double seconds) {
    if (!Double.isNaN(from) && !Double.isNaN(to)) {
      out.put(name, Math.round((to - from) / seconds * 100) / 100.0);
    }
  }

  /** The embedded PostgreSQL's processes, summed. */
  private static double database(Path dataDir) {
    List<ProcessHandle> processes = DatabaseProcesses.of(dataDir);
    if (processes.isEmpty()) {
      return Double.NaN;
    }
    double total = 0;
    for (ProcessHandle p : processes) {
      double s = seconds(p.pid());
      total += Double.isNaN(s) ? 0 : s;
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
}

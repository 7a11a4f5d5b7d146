package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * CPU time of the parties of a run on one machine: the harness and each process group of the server
 * under test ({@link ServerUnderTest#processGroups()}: the gateway's JVM and its embedded PostgreSQL,
 * or nginx's master and workers). Read from {@code /proc/<pid>/stat}; a group that cannot be read is
 * left out. Two readings give the CPU each party used in between: as cores, which says who was the
 * bottleneck, and per notification delivered, which says what the server costs.
 *
 * <p>Each reading also takes the whole machine's CPU ({@link MachineCpu}): how much of the cores
 * was left idle, and how much the hypervisor stole; and the CPU of the server's JIT compiler threads
 * (HotSpot's "C1/C2 CompilerThread"s, within the gateway JVM's figure): a gateway still compiling in
 * the measured phase costs more than it will once warm. On a 2-vCPU VM the gateway's compilers were
 * measured at 0.3-0.4 cores in the first 30-40 s of fan-out load, 0.12 in the next 20 s and 0.01-0.10
 * after, so a 30 s warm-up can leave some of it in the figures; each run now says how much.
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
  /** What follows a group's name in the details entry of its JIT compilers' cores, a part of the group's. */
  static final String COMPILERS = "'s JIT compilers";
  /** The details entry that says the server was still compiling. */
  static final String WARM_UP_NOTE = "warm-up note";
  /**
   * Compiler cores from which a run's figures are called not warm: a tenth of a core is a tenth of
   * what a gateway uses at these loads. Over the measured phase of warm runs they were 0.01 cores
   * (unicast) to 0.06-0.07 (fan-out).
   */
  static final double STILL_COMPILING_CORES = 0.1;
  /** HotSpot's compiler threads, as /proc/<pid>/task/<tid>/comm shows them (cut to 15 characters). */
  private static final String C1_THREAD = "C1 CompilerThre";
  private static final String C2_THREAD = "C2 CompilerThre";

  private CpuUsage() {}

  /**
   * CPU seconds used so far (user + system).
   *
   * @param atNanos {@link System#nanoTime()} of the reading
   * @param harness this JVM's, NaN when unknown
   * @param server each process group's, summed over its processes, in the server's order
   * @param compilers the JIT compiler threads' of each group that has any (the gateway JVM; not
   *     PostgreSQL's or nginx's processes), included in its {@code server} figure
   * @param machine the whole machine's, null when unknown
   */
  public record Reading(long atNanos, double harness, Map<String, Double> server, Map<String, Double> compilers,
      MachineCpu machine) {
    public Reading {
      server = Collections.unmodifiableMap(new LinkedHashMap<>(server));
      compilers = Map.copyOf(compilers);
    }

    /** A reading without the compilers' figures. */
    public Reading(long atNanos, double harness, Map<String, Double> server, MachineCpu machine) {
      this(atNanos, harness, server, Map.of(), machine);
    }
  }

  /**
   * CPU used between two readings.
   *
   * @param seconds wall-clock time between them
   * @param harness CPU seconds of the harness, NaN when unknown
   * @param server CPU seconds of each server group read both times, in the server's order
   * @param compilers CPU seconds of the JIT compiler threads of each group read both times with some
   * @param machine how the machine's cores were spent ({@link MachineCpu#sharesSince}), null when unknown
   */
  public record Used(double seconds, double harness, Map<String, Double> server, Map<String, Double> compilers,
      String machine) {
    public Used {
      server = Collections.unmodifiableMap(new LinkedHashMap<>(server));
      compilers = Map.copyOf(compilers);
    }

    /**
     * Cores each party used, rounded to hundredths, as a result's details name them, each group
     * followed by its JIT compilers' share (and a note when they were busy enough to say the group was
     * not warm); then how the whole machine's cores were spent when both readings had it.
     */
    public Map<String, Object> cores() {
      Map<String, Object> out = new LinkedHashMap<>();
      if (!Double.isNaN(harness)) {
        out.put(CORES + "harness", round(harness / seconds, 100));
      }
      String notWarm = null;
      for (Map.Entry<String, Double> group : server.entrySet()) {
        out.put(CORES + group.getKey(), round(group.getValue() / seconds, 100));
        Double compiled = compilers.get(group.getKey());
        if (compiled != null) {
          double cores = round(compiled / seconds, 100);
          out.put(CORES + group.getKey() + COMPILERS, cores);
          if (cores >= STILL_COMPILING_CORES && notWarm == null) {
            notWarm = String.format(Locale.ROOT, "the %s's JIT compilers used %.2f cores: it was still compiling, "
                + "so its CPU figures are above what it costs warm (a longer --warmup measures that)", group.getKey(),
                cores);
          }
        }
      }
      if (notWarm != null) {
        out.put(WARM_UP_NOTE, notWarm);
      }
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
    Map<String, Double> compilers = new LinkedHashMap<>();
    server.processGroups().forEach((group, pids) -> {
      double total = sum(pids);
      if (!Double.isNaN(total)) {
        groups.put(group, total);
      }
      double compiled = sum(pids, CpuUsage::compilerSeconds);
      if (!Double.isNaN(compiled)) {
        compilers.put(group, compiled);
      }
    });
    return new Reading(now, seconds(ProcessHandle.current().pid()), groups, compilers, MachineCpu.read());
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
    Map<String, Double> compilers = new LinkedHashMap<>();
    from.compilers().forEach((group, before) -> {
      Double after = to.compilers().get(group);
      if (after != null) { // a compiler thread that ended in between (HotSpot stops idle ones) took its time along
        compilers.put(group, Math.max(0, after - before));
      }
    });
    return new Used(seconds, to.harness() - from.harness(), server, compilers, machine);
  }

  /** CPU seconds of the processes still there, NaN when none of them could be read. */
  private static double sum(List<Long> pids) {
    return sum(pids, CpuUsage::seconds);
  }

  /** {@code seconds} of each process summed, NaN when none had a figure. */
  private static double sum(List<Long> pids, LongToDoubleFunction seconds) {
    double total = Double.NaN;
    for (long pid : pids) {
      total = plus(total, seconds.applyAsDouble(pid));
    }
    return total;
  }

  /** {@code total} with {@code s} added; NaN stands for "no figure" on either side, not for "unknown sum". */
  private static double plus(double total, double s) {
    return Double.isNaN(s) ? total : Double.isNaN(total) ? s : total + s;
  }

  static double seconds(long pid) {
    return statSeconds(Path.of("/proc", Long.toString(pid)));
  }

  /**
   * CPU seconds used so far by the JIT compiler threads of process {@code pid}, NaN when it has none
   * (not a HotSpot JVM) or is gone.
   */
  static double compilerSeconds(long pid) {
    double total = Double.NaN;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        if (isCompiler(task)) {
          total = plus(total, statSeconds(task));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return total;
  }

  private static boolean isCompiler(Path task) {
    try {
      String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII);
      return comm.startsWith(C1_THREAD) || comm.startsWith(C2_THREAD);
    } catch (IOException e) {
      return false; // the thread ended
    }
  }

  /** User + system seconds from {@code dir/stat}, a process's or a thread's; NaN when it cannot be read. */
  private static double statSeconds(Path dir) {
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
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

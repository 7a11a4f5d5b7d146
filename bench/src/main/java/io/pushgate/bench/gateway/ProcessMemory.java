package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Memory of a server's processes: their proportional set size (PSS) from
 * {@code /proc/<pid>/smaps_rollup}, where pages shared between processes (nginx's shared memory zone
 * mapped by master and workers, PostgreSQL's shared buffers) count once in all, split among them;
 * the resident set size where the kernel has no smaps_rollup (before 4.14).
 */
public final class ProcessMemory {
  static final Pattern PSS = Pattern.compile("(?m)^Pss:\\s+(\\d+) kB");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private ProcessMemory() {}

  /** The summed PSS of every process of {@code groups}, in KiB; null when none could be read. */
  public static Long kib(Collection<List<Long>> groups) {
    Long total = null;
    for (List<Long> pids : groups) {
      for (long pid : pids) {
        Long one = kib(pid);
        if (one != null) {
          total = total == null ? one : total + one;
        }
      }
    }
    return total;
  }

  /** One process's PSS (or RSS) in KiB, null when it cannot be read. */
  static Long kib(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      return JvmMemory.find(PSS, Files.readString(proc.resolve("smaps_rollup"), StandardCharsets.US_ASCII));
    } catch (IOException noRollup) {
      try {
        return JvmMemory.find(VM_RSS, Files.readString(proc.resolve("status"), StandardCharsets.US_ASCII));
      } catch (IOException gone) {
        return null;
      }
    }
  }
}

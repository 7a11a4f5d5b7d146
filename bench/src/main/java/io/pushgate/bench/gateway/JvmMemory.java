package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory figures of another process: its resident set from {@code /proc/<pid>/status}, and, for a
 * JVM, through {@code jcmd}, the live heap after a full GC and the memory NMT files under "Other",
 * which is where direct buffers ({@code Unsafe.allocateMemory}, Netty's pools included) are counted.
 * Each figure is null when it cannot be read (no /proc, not a JVM, NMT off, another user).
 */
public final class JvmMemory {
  static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K, used (\\d+)K");
  static final Pattern NMT_OTHER = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private final long pid;

  public JvmMemory(long pid) {
    this.pid = pid;
  }

  /**
   * One reading, in KiB.
   *
   * @param rssKiB resident set size
   * @param heapUsedKiB heap in use (after a full GC when one was asked for)
   * @param directKiB NMT's "Other" committed: direct buffers
   * @param nmtCommittedKiB everything NMT tracks, committed
   */
  public record Reading(Long rssKiB, Long heapUsedKiB, Long directKiB, Long nmtCommittedKiB) {}

  /** Reads everything; with {@code gcFirst}, asks the JVM for a full GC so the heap figure is the live set. */
  public Reading read(boolean gcFirst) {
    if (gcFirst) {
      jcmd("GC.run");
    }
    String heap = jcmd("GC.heap_info");
    String nmt = jcmd("VM.native_memory", "summary");
    return new Reading(rssKiB(), find(HEAP_USED, heap), find(NMT_OTHER, nmt), find(NMT_TOTAL, nmt));
  }

  /** The resident set size, or null without /proc. */
  public Long rssKiB() {
    try {
      return find(VM_RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return null;
    }
  }

  static Long find(Pattern pattern, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  /** Runs jcmd against the process; its output, or null when it failed. */
  private String jcmd(String... command) {
    String[] argv = new String[command.length + 2];
    argv[0] = GatewayProcess.javaBinary("jcmd").toString();
    argv[1] = Long.toString(pid);
    System.arraycopy(command, 0, argv, 2, command.length);
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes(); // jcmd's output is small; it ends when jcmd does
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU time by kind, in ticks, from the first line of {@code /proc/stat} (every
 * core together). Two readings say how the machine's cores were spent in between, whoever spent
 * them: how much was left idle is the headroom a latency figure depends on, and steal is time the
 * hypervisor gave to other guests, which no change to the gateway can win back.
 *
 * @param user user and nice time
 * @param system kernel time on behalf of processes
 * @param interrupts hard and soft interrupts (on loopback, most of the TCP receive path)
 * @param idle idle time
 * @param iowait idle time with disk I/O outstanding
 * @param steal time the hypervisor ran something else
 */
public record MachineCpu(long user, long system, long interrupts, long idle, long iowait, long steal) {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** Now, or null where {@code /proc/stat} cannot be read (not Linux). */
  public static MachineCpu read() {
    try {
      return parse(Files.readString(PROC_STAT, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Parses {@code /proc/stat}: {@code cpu  user nice system idle iowait irq softirq steal ...}, the
   * fields after {@code steal} (guest time, already counted in user) ignored.
   */
  static MachineCpu parse(String procStat) {
    String first = procStat.lines().findFirst().orElse("");
    String[] f = first.trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException("not a /proc/stat cpu line: " + first);
    }
    long[] v = new long[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = Long.parseLong(f[i + 1]);
    }
    return new MachineCpu(v[0] + v[1], v[2], v[5] + v[6], v[3], v[4], v[7]);
  }

  /**
   * How the machine's time from {@code earlier} to this reading was spent, as whole percent of all
   * cores: {@code "user 53%, system 29%, interrupts 12%, iowait 0%, steal 1%, idle 3%"}.
   */
  public String sharesSince(MachineCpu earlier) {
    long user = this.user - earlier.user;
    long system = this.system - earlier.system;
    long interrupts = this.interrupts - earlier.interrupts;
    long idle = this.idle - earlier.idle;
    long iowait = this.iowait - earlier.iowait;
    long steal = this.steal - earlier.steal;
    double total = Math.max(1, user + system + interrupts + idle + iowait + steal);
    return String.format(Locale.ROOT, "user %.0f%%, system %.0f%%, interrupts %.0f%%, iowait %.0f%%, steal %.0f%%, idle %.0f%%",
        100 * user / total, 100 * system / total, 100 * interrupts / total, 100 * iowait / total, 100 * steal / total,
        100 * idle / total);
  }
}

package io.pushgate.bench.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/** What starting and stopping a server the harness runs as a child process takes: the gateway, nginx. */
public final class ChildProcesses {
  /** How long the processes a server started may take to go once it has gone. */
  private static final Duration STRAGGLERS = Duration.ofSeconds(10);
  /** Where {@link #freePort()} draws from: above the ports services usually own. */
  private static final int FIRST_PROBED_PORT = 10_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private ChildProcesses() {}

  /**
   * A loopback port free right now and below the kernel's ephemeral range. A port from that range
   * (what {@code bind(0)} hands out) may be taken, between this probe and the server's bind, as the
   * local port of an outgoing connection, such as the gateway's pool connections to the embedded
   * PostgreSQL it starts before binding. A port below the range is only taken by a process that binds
   * it on purpose. Never the same port twice in one harness, so a server's two ports differ. Kept in
   * step with its twin for the gateway's tests, {@code TestGateway.freePort()}, test code of a module
   * this one depends on, which main code cannot use.
   */
  public static int freePort() throws IOException {
    int below = ephemeralRangeStart();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_PROBED_PORT, below);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port in " + FIRST_PROBED_PORT + ".." + (below - 1) + " after 200 tries");
  }

  /**
   * The first port of {@code net.ipv4.ip_local_port_range}; 32768 (Linux's default) if it cannot be
   * read or starts too low to leave room below it, and then a drawn port may be an ephemeral one.
   */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > FIRST_PROBED_PORT + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }

  /** Starts {@code builder}'s command with its output and errors appended to {@code log}. */
  public static Process start(ProcessBuilder builder, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  /** The last {@code lines} lines of a log, for an error message. */
  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops {@code process}: SIGTERM, SIGKILL after {@code grace}; then waits a little for
   * {@code started} (the processes it started, taken before, since they are orphaned once it is
   * gone) and kills those still there.
   */
  public static void stop(Process process, List<ProcessHandle> started, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + STRAGGLERS.toNanos();
      for (ProcessHandle p : started) { // a clean stop leaves none
        try {
          p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillThere) {
          p.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // onExit never fails
    }
  }
}

package io.pushgate.bench.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What starting and stopping a server the harness runs as a child process takes: the gateway, nginx. */
public final class ChildProcesses {
  /** How long the processes a server started may take to go once it has gone. */
  private static final Duration STRAGGLERS = Duration.ofSeconds(10);

  private ChildProcesses() {}

  /** A loopback port free right now (another process may take it before the server binds it). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
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

package io.pushgate.bench.nchan;

import io.pushgate.bench.gateway.ChildProcesses;
import io.pushgate.bench.gateway.Readiness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx with Nchan, started by the harness through {@code scripts/nchan run} on a free loopback
 * port, its configuration and error log in a directory of the run's report. {@link #close()} stops
 * it: SIGTERM (nginx's fast shutdown), SIGKILL after a grace period, workers included.
 */
public final class NchanProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final URI base;
  private final Path dir;
  private final Path log;
  private boolean closed;

  private NchanProcess(Process process, URI base, Path dir, Path log) {
    this.process = process;
    this.base = base;
    this.dir = dir;
    this.log = log;
  }

  /**
   * Starts nginx and waits until it answers {@code GET /health/ready}.
   *
   * @param dir its prefix directory (configuration, pid file, error.log)
   * @param log where the script's and nginx's own output go (appended)
   * @throws IllegalStateException when it exits or is not ready in time (the log's tail is in the message)
   */
  public static NchanProcess start(NchanScript script, int workers, List<String> extraArgs, Path dir, Path log,
      Duration readyTimeout) throws IOException, InterruptedException {
    int port = ChildProcesses.freePort();
    Files.createDirectories(dir);
    Process process = ChildProcesses.start(new ProcessBuilder(script.runCommand(port, dir, workers, extraArgs)), log);
    NchanProcess nchan = new NchanProcess(process, URI.create("http://127.0.0.1:" + port), dir, log);
    try {
      nchan.awaitReady(readyTimeout);
    } catch (InterruptedException | RuntimeException e) {
      nchan.close();
      throw e;
    }
    return nchan;
  }

  /** Its listener, e.g. {@code http://127.0.0.1:40123}. */
  public URI base() {
    return base;
  }

  /** nginx's master process. */
  public long pid() {
    return process.pid();
  }

  /** The master and its workers, as they are now. */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    if (process.isAlive()) {
      pids.add(process.pid());
      process.descendants().forEach(p -> pids.add(p.pid()));
    }
    return pids;
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    if (!Readiness.await(base, timeout, () -> !process.isAlive())) {
      String tail = ChildProcesses.tail(log, 20) + "\n" + ChildProcesses.tail(dir.resolve("error.log"), 10);
      throw new IllegalStateException(process.isAlive()
          ? "nginx was not ready within " + timeout + ":\n" + tail
          : "nginx exited with " + process.exitValue() + " before it was ready:\n" + tail);
    }
  }

  /** Stops nginx and its workers. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> workers = process.descendants().toList(); // orphaned once the master is gone
    ChildProcesses.stop(process, workers, STOP_GRACE);
  }
}

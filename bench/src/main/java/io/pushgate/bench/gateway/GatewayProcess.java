package io.pushgate.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A gateway the harness starts itself: {@code java -jar pushgate.jar} on free loopback ports, with
 * its embedded PostgreSQL in a fresh temporary directory, its output in a log file. {@link #close()}
 * stops it (SIGTERM, then SIGKILL after a grace period, including the PostgreSQL processes it
 * started) and deletes the directory.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final URI api;
  private final URI admin;
  private boolean closed;

  private GatewayProcess(Process process, Path dataDir, Path log, URI api, URI admin) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.api = api;
    this.admin = admin;
  }

  /**
   * Starts a gateway and waits until {@code /health/ready} answers 200.
   *
   * @param jar the gateway's shaded jar
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx2g}
   * @param extraArgs more gateway flags, e.g. {@code --keep-alive-interval 600000}
   * @param environment more environment variables (secrets go here rather than on the command line)
   * @param log where its output goes (appended)
   * @param readyTimeout how long to wait for readiness
   * @throws IllegalStateException when it exits or is not ready in time (the log's tail is in the message)
   */
  public static GatewayProcess start(Path jar, List<String> jvmOptions, List<String> extraArgs,
      Map<String, String> environment, Path log, Duration readyTimeout) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no gateway jar at " + jar.toAbsolutePath()
          + " (build it with: mvn -B -q -DskipTests -pl gateway -am package)");
    }
    int port = ChildProcesses.freePort();
    int adminPort = ChildProcesses.freePort();
    Path dataDir = Files.createTempDirectory("pushgate-bench-");
    List<String> command = new ArrayList<>();
    command.add(javaBinary("java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort),
        "--public-url", "http://127.0.0.1:" + port, "--data-dir", dataDir.toString()));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = ChildProcesses.start(builder, log);
    GatewayProcess gateway = new GatewayProcess(process, dataDir, log,
        URI.create("http://127.0.0.1:" + port), URI.create("http://127.0.0.1:" + adminPort));
    try {
      gateway.awaitReady(readyTimeout);
    } catch (InterruptedException | RuntimeException e) {
      gateway.close();
      throw e;
    }
    return gateway;
  }

  /** The public listener, e.g. {@code http://127.0.0.1:40123}. */
  public URI api() {
    return api;
  }

  /** The admin listener. */
  public URI admin() {
    return admin;
  }

  public long pid() {
    return process.pid();
  }

  /** Its temporary data directory. */
  public Path dataDir() {
    return dataDir;
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    if (!Readiness.await(admin, timeout, () -> !process.isAlive())) {
      throw new IllegalStateException(process.isAlive()
          ? "the gateway was not ready within " + timeout + ":\n" + ChildProcesses.tail(log, 30)
          : "the gateway exited with " + process.exitValue() + " before it was ready:\n" + ChildProcesses.tail(log, 30));
    }
  }

  /** Stops the gateway and everything it started, then deletes its data. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // taken before the gateway goes: its children would be orphaned, and its PostgreSQL daemonized anyway
    List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
    started.addAll(DatabaseProcesses.of(dataDir));
    // SIGTERM: the gateway's shutdown hook commits, closes sockets, stops PostgreSQL; a killed gateway
    // leaves its database, which is then killed too
    ChildProcesses.stop(process, started, STOP_GRACE);
    deleteRecursively(dataDir);
  }

  static Path javaBinary(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
    }
  }
}

package io.pushgate.bench.gateway;

import java.net.URI;
import java.util.OptionalLong;

/**
 * The gateway under test: where its public and admin listeners are, its process id when known (for
 * memory figures), and, when the harness started it, the process to stop at the end.
 */
public final class GatewayTarget implements AutoCloseable {
  private final URI api;
  private final URI admin;
  private final OptionalLong pid;
  private final GatewayProcess process;
  private final StopOnExit stopOnExit;

  private GatewayTarget(URI api, URI admin, OptionalLong pid, GatewayProcess process) {
    this.api = api;
    this.admin = admin;
    this.pid = pid;
    this.process = process;
    // a Ctrl-C must not leave a gateway and its PostgreSQL behind
    this.stopOnExit = process == null ? null : StopOnExit.register(process, "bench-stop-gateway");
  }

  /** A gateway someone else runs. {@code admin} may be null (no readiness check), {@code pid} empty. */
  public static GatewayTarget external(URI api, URI admin, OptionalLong pid) {
    return new GatewayTarget(api, admin, pid, null);
  }

  /** A gateway this harness started; closing the target stops it. */
  public static GatewayTarget started(GatewayProcess process) {
    return new GatewayTarget(process.api(), process.admin(), OptionalLong.of(process.pid()), process);
  }

  public URI api() {
    return api;
  }

  /** The admin listener, or null when unknown. */
  public URI admin() {
    return admin;
  }

  public OptionalLong pid() {
    return pid;
  }

  /** The data directory of a gateway the harness started (its embedded PostgreSQL lives there). */
  public java.util.Optional<java.nio.file.Path> dataDir() {
    return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.dataDir());
  }

  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme()) ? 443 : 80;
  }

  /** Stops the gateway if the harness started it. */
  @Override
  public void close() {
    if (process != null) {
      process.close();
      stopOnExit.close();
    }
  }
}

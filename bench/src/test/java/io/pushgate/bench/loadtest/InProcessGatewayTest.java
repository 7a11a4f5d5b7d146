package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.ChildProcesses;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's end-to-end tests run against a real gateway started in this JVM, one per test class:
 * embedded PostgreSQL in a temporary directory, loopback ports of its own, JWT auth with a secret
 * the harness signs its tokens with.
 */
abstract class InProcessGatewayTest {
  /** The REST API wants tokens: the harness signs them with the gateway's secret. */
  static final String SECRET = "smoke-test-secret-of-at-least-32-bytes";

  @TempDir
  static Path temp;

  static GatewayComponent gateway;
  private static int port;
  private static int adminPort;

  @BeforeAll
  static void startGateway() throws IOException {
    port = ChildProcesses.freePort();
    adminPort = ChildProcesses.freePort();
    gateway = Main.component("--host", "127.0.0.1", "--port", Integer.toString(port),
        "--admin-port", Integer.toString(adminPort), "--data-dir", temp.resolve("data").toString(),
        "--db-pool-size", "4", "--event-loop-threads", "2", "--jwt-secret", SECRET);
    gateway.gateway().start();
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.gateway().close();
    }
  }

  /** Runs {@code loadtest <workload>} against this gateway with {@code options}; returns the exit code. */
  static int loadtest(String workload, String... options) {
    List<String> args = new ArrayList<>(List.of(workload, "--url", "http://127.0.0.1:" + port,
        "--admin-url", "http://127.0.0.1:" + adminPort, "--jwt-secret", SECRET));
    args.addAll(List.of(options));
    return LoadTestCommand.execute(args.toArray(String[]::new));
  }
}

package io.pushgate.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.TestGateway;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /health/ready follows the database: DOWN while it does not answer, UP again when it does; live stays UP. */
@Timeout(120)
class HealthTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass();

  private int status(String path) {
    return gateway.get("http://127.0.0.1:" + gateway.component().gateway().adminPort() + path).statusCode();
  }

  @Test
  void testReadinessFlipsWhenTheDatabaseGoesAwayAndComesBack() throws Exception {
    assertTrue(status("/health/ready") == 200);
    // the postmaster (its command line names the data directory) and every backend it forked
    List<ProcessHandle> postgres = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(gateway.dataDir().toString())).orElse(false))
        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .distinct()
        .toList();
    assertFalse(postgres.isEmpty(), "found the embedded PostgreSQL");
    try {
      signal("-STOP", postgres); // the database stops answering, as a hung or partitioned server would
      Await.until(Duration.ofSeconds(30), "not ready", () -> status("/health/ready") == 503);
      assertTrue(status("/health/live") == 200, "alive all the same");
    } finally {
      signal("-CONT", postgres);
    }
    Await.until(Duration.ofSeconds(30), "ready again", () -> status("/health/ready") == 200);
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
    for (ProcessHandle process : processes) {
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }
  }
}

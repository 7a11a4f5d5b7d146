package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.bench.report.ResultJson;
import io.pushgate.gateway.Gateway;
import io.pushgate.gateway.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end against a real gateway started in-process (embedded PostgreSQL in a temporary
 * directory): unicast over 20 channels, 400 notifications, every one delivered exactly once, and both
 * report files written. The exit code is the harness's own verdict, so a lost or duplicated
 * notification fails this test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnicastSmokeTest {
  @TempDir
  static Path temp;

  /** The REST API wants tokens: the harness signs them with the gateway's secret. */
  private static final String SECRET = "smoke-test-secret-of-at-least-32-bytes";

  private static Gateway gateway;
  private static int port;
  private static int adminPort;

  @BeforeAll
  static void startGateway() throws IOException {
    port = freePort();
    adminPort = freePort();
    gateway = Main.component("--host", "127.0.0.1", "--port", Integer.toString(port),
        "--admin-port", Integer.toString(adminPort), "--data-dir", temp.resolve("data").toString(),
        "--db-pool-size", "4", "--event-loop-threads", "2", "--jwt-secret", SECRET).gateway();
    gateway.start();
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void unicastDeliversEveryNotificationOnceAndWritesTheReports() throws IOException {
    Path reports = temp.resolve("report");
    int exit = LoadTestCommand.execute("unicast",
        "--url", "http://127.0.0.1:" + port, "--admin-url", "http://127.0.0.1:" + adminPort, "--jwt-secret", SECRET,
        "--channels", "20", "--notifications", "400", "--rate", "0", "--batch", "5", "--duration", "30s", "--warmup", "0s",
        "--max-notifications", "10", "--drain-timeout", "20s", "--http-connections", "4", "--client-threads", "2",
        "--source-addresses", "2", "--report-dir", reports.toString());

    JsonNode result = ResultJson.read(reports.resolve("result.json"));
    assertEquals(0, exit, "the harness's verdict: " + result.path("failures"));
    assertTrue(result.path("passed").asBoolean());
    JsonNode totals = result.path("totals");
    assertEquals(20, totals.path("connections").asInt());
    assertEquals(400, totals.path("sent").asLong());
    assertEquals(400, totals.path("accepted").asLong());
    assertEquals(400, totals.path("delivered").asLong());
    assertEquals(0, totals.path("lost").asLong());
    assertEquals(0, totals.path("duplicates").asLong());
    assertEquals(0, totals.path("unexpected").asLong());
    assertEquals(400, result.path("latency").path("count").asLong(), "a latency for every notification");
    assertTrue(result.path("latency").path("p50Ms").asDouble() > 0);

    String html = Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<svg") && html.contains("unicast"), "report.html");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

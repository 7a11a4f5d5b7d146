package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.bench.report.ResultJson;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code idle} end to end over both kinds of connection: every one opens, none closes during the
 * hold, and the run passes. (The gateway runs in this JVM, so it has no pid of its own and the memory
 * figures are not read here; the README's come from real runs.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleSmokeTest extends InProcessGatewayTest {
  @Test
  void webSocketsAndParkedLongPollsAreHeldOpen() throws Exception {
    for (String type : new String[] {"WebSockets", "LongPolling"}) {
      Path reports = temp.resolve("idle-" + type);
      int exit = loadtest("idle", "--channel-type", type, "--channels", "20", "--duration", "1s",
          "--client-threads", "2", "--source-addresses", "2", "--report-dir", reports.toString());

      JsonNode result = ResultJson.read(reports.resolve("result.json"));
      assertEquals(0, exit, type + ": " + result.path("failures"));
      assertEquals(20, result.path("totals").path("connections").asInt(), type + ": held through the hold");
      assertTrue(result.path("totals").path("errors").isEmpty(), type + ": " + result.path("totals").path("errors"));
      assertTrue(result.path("settings").path("channel type").asText().startsWith(type), type);
    }
  }
}

package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.bench.nchan.NchanScripts;
import io.pushgate.bench.report.ResultJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The harness end to end against a real gateway started in-process (embedded PostgreSQL in a temporary
 * directory): unicast over 20 channels, 400 notifications, every one delivered exactly once, and both
 * report files written. The exit code is the harness's own verdict, so a lost or duplicated
 * notification fails this test. The same over long polls (--channel-type LongPolling). Where nginx with Nchan is installed, the same workload is also
 * compared with Nchan (skipped elsewhere: CI machines need not have it).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // unicast first, on a cold gateway: it then lasts long enough to chart
class UnicastSmokeTest extends InProcessGatewayTest {
  @Test
  @Order(1)
  void unicastDeliversEveryNotificationOnceAndWritesTheReports() throws Exception {
    Path reports = temp.resolve("report");
    int exit = loadtest("unicast",
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

  @Test
  @Order(2)
  void longPollsDeliverEveryNotificationOnce() throws Exception {
    Path reports = temp.resolve("longpoll");
    int exit = loadtest("unicast", "--channel-type", "LongPolling",
        "--channels", "20", "--notifications", "400", "--rate", "0", "--batch", "5", "--duration", "30s", "--warmup", "0s",
        "--max-notifications", "10", "--drain-timeout", "20s", "--http-connections", "4", "--client-threads", "2",
        "--source-addresses", "2", "--report-dir", reports.toString());

    JsonNode result = ResultJson.read(reports.resolve("result.json"));
    assertEquals(0, exit, "the harness's verdict: " + result.path("failures"));
    assertTrue(result.path("settings").path("channel type").asText().startsWith("LongPolling"),
        result.path("settings").toString());
    JsonNode totals = result.path("totals");
    assertEquals(20, totals.path("connections").asInt());
    assertEquals(400, totals.path("delivered").asLong());
    assertEquals(0, totals.path("lost").asLong());
    assertEquals(0, totals.path("duplicates").asLong());
    assertEquals(0, totals.path("unexpected").asLong());
    assertTrue(totals.path("errors").isEmpty(), "no poll answered other than 200: " + totals.path("errors"));
    assertEquals(400, result.path("latency").path("count").asLong(), "a latency for every notification");
  }

  @Test
  @Order(3)
  void comparesTheSameWorkloadAgainstNchan() throws Exception {
    assumeTrue(NchanScripts.installed(), "nginx with Nchan is not installed (scripts/nchan install)");
    Path reports = temp.resolve("compare");
    int exit = loadtest("unicast", "--compare-nchan", "--nchan-script", NchanScripts.script().toString(),
        "--channels", "20", "--notifications", "400", "--rate", "0", "--duration", "30s", "--warmup", "0s",
        "--drain-timeout", "20s", "--http-connections", "4", "--client-threads", "2", "--source-addresses", "2",
        "--report-dir", reports.toString());

    JsonNode result = ResultJson.read(reports.resolve("result.json"));
    assertEquals(0, exit, "the verdicts: " + result.path("pushgate").path("failures") + result.path("nchan").path("failures"));
    assertTrue(result.path("passed").asBoolean());
    for (String server : new String[] {"pushgate", "nchan"}) {
      JsonNode run = result.path(server);
      assertEquals(400, run.path("totals").path("delivered").asLong(), server);
      assertEquals(0, run.path("totals").path("duplicates").asLong(), server);
      assertEquals(400, run.path("latency").path("count").asLong(), server + ": a latency for every notification");
      assertEquals(1, run.path("settings").path("batch").asInt(), server + ": the same workload, one per POST");
      assertTrue(Files.exists(reports.resolve(server).resolve("report.html")), server + "'s own report");
    }
    JsonNode nchanUsage = result.path("nchan").path("serverUsage");
    assertEquals("Nchan", nchanUsage.path("server").asText());
    // read from /proc in clock ticks of 10 ms: 400 notifications may cost nginx less than one tick
    JsonNode nginxCpu = nchanUsage.path("cpuMsPerThousand").path("nginx (master + workers)");
    assertTrue(nginxCpu.isNumber() && nginxCpu.asDouble() >= 0, "nginx's CPU: " + nginxCpu);
    assertTrue(nchanUsage.path("memoryMiB").asDouble() > 0, "nginx's memory");
    assertTrue(result.path("pushgate").path("serverUsage").path("cpuMsPerThousand").isEmpty(),
        "no pid of the running gateway: no CPU figure rather than a wrong one");
    assertTrue(result.path("rows").size() > 10, "the side-by-side figures");
    assertTrue(Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8).contains("pushgate vs Nchan"));
    assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().command().orElse("").endsWith("/nginx")
        && p.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid()), "nginx was stopped");
  }
}

package io.pushgate.bench.loadtest;

import static io.pushgate.bench.loadtest.CommandLineOutcome.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.bench.gateway.PushgateServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload's own options are checked before anything starts: a bad one exits 2 with one line that
 * names that option and its value, and no other option.
 */
class WorkloadOptionsTest {
  @TempDir
  Path dir;

  @Test
  void aBadWorkloadOptionExits2BeforeAGatewayIsStarted() {
    // {workload and the bad option..., the option the message must name}
    String[][] cases = {
        {"fanout", "--channels", "0", "--channels"},
        {"fanout", "--duration", "0s", "--duration"},
        {"fanout", "--change-timeout", "0s", "--change-timeout"},
        {"fanout", "--change-timeout", "-1s", "--change-timeout"},
        {"idle", "--channels", "0", "--channels"},
        {"idle", "--processes", "-2", "--processes"},
        {"idle", "--processes", "1", "--channel-type", "LongPolling", "--channel-type"},
        {"unicast", "--compare-nchan", "--channel-type", "LongPolling", "--channel-type"},
        {"unicast", "--channels", "0", "--channels"},
        {"unicast", "--payload-bytes", "1", "--payload-bytes"},
        // over what the gateway takes in one POST: refused here, so no run ever sends such a request
        {"unicast", "--batch", Integer.toString(PushgateServer.MAX_BATCH + 1), "--batch"},
        {"million", "--notifications", "0", "--notifications"},
        {"unicast", "--pipeline-depth", "17", "--pipeline-depth"},
        {"unicast", "--http-connections", "0", "--http-connections"}};
    List<String> named = new ArrayList<>();
    for (String[] c : cases) {
      named.add(c[c.length - 1]);
    }
    for (int i = 0; i < cases.length; i++) {
      String[] c = cases[i];
      Path reports = dir.resolve("reports-" + i);
      List<String> args = new ArrayList<>(List.of(c).subList(0, c.length - 1));
      // a jar that is not there: were the gateway started after all, the run would fail otherwise (exit 1)
      args.addAll(List.of("--start-gateway", "--gateway-jar", dir.resolve("no-such.jar").toString(),
          "--report-dir", reports.toString()));
      CommandLineOutcome o = execute(args.toArray(String[]::new));
      assertEquals(2, o.exit(), args + ": " + o.err());
      String option = c[c.length - 1];
      String line = o.err().strip();
      assertFalse(line.contains("\n"), args + ": one line, not a usage text: " + o.err());
      assertTrue(line.startsWith("bench: " + option + " "), args + ": " + o.err());
      assertTrue(line.contains("(got " + c[c.length - 2]), args + ": the value given: " + o.err());
      for (String other : named) {
        if (!other.equals(option)) {
          assertFalse(line.contains(other + " "), args + ": names only the broken option: " + o.err());
        }
      }
      assertFalse(Files.exists(reports), args + ": nothing was started, not even the report directory");
    }
  }
}

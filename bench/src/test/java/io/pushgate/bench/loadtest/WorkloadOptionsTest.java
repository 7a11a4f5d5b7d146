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

/** A workload's own options are checked before anything starts: a bad one exits 2 with what is wrong. */
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
        {"unicast", "--channels", "0", "--channels"},
        {"unicast", "--payload-bytes", "1", "--payload-bytes"},
        // over what the gateway takes in one POST: refused here, so no run ever sends such a request
        {"unicast", "--batch", Integer.toString(PushgateServer.MAX_BATCH + 1), "--batch"},
        {"million", "--notifications", "0", "--notifications"}};
    for (int i = 0; i < cases.length; i++) {
      String[] c = cases[i];
      Path reports = dir.resolve("reports-" + i);
      List<String> args = new ArrayList<>(List.of(c).subList(0, c.length - 1));
      // a jar that is not there: were the gateway started after all, the run would fail otherwise (exit 1)
      args.addAll(List.of("--start-gateway", "--gateway-jar", dir.resolve("no-such.jar").toString(),
          "--report-dir", reports.toString()));
      CommandLineOutcome o = execute(args.toArray(String[]::new));
      assertEquals(2, o.exit(), args + ": " + o.err());
      assertTrue(o.err().contains(c[c.length - 1]), args + ": " + o.err());
      assertFalse(Files.exists(reports), args + ": nothing was started, not even the report directory");
    }
  }
}

package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.pushgate.bench.report.ResultJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fan-out workload end to end against a real gateway started in-process: every change reaches
 * every channel once; and a change the gateway refuses with 503 (overload) is counted with the
 * 503s, expected by no channel, and does not fail the run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FanoutSmokeTest extends InProcessGatewayTest {
  private static final String MOVIE = "glass-harbor";
  private static final int CHANNELS = 20;


  @Test
  void everyChangeReachesEveryChannelOnce() throws Exception {
    Path reports = temp.resolve("closed-loop");
    int exit = fanout(reports, "--rate", "0", "--duration", "2s");

    JsonNode result = ResultJson.read(reports.resolve("result.json"));
    assertEquals(0, exit, "the harness's verdict: " + result.path("failures"));
    JsonNode totals = result.path("totals");
    long changes = result.path("details").path("changes made (measured)").asLong();
    assertTrue(changes > 0, "changes made");
    assertEquals(totals.path("sent").asLong(), totals.path("delivered").asLong(), "every change to every channel");
    assertEquals(0, totals.path("lost").asLong());
    assertEquals(0, totals.path("duplicates").asLong());
    assertEquals(0, totals.path("rejected").asLong());
  }

  @Test
  void aRefusedChangeIsCountedAndExpectedByNoChannel() throws Exception {
    CountDownLatch letGo = new CountDownLatch(1);
    CompletableFuture<Void> lockHeld = new CompletableFuture<>();
    // the movie's row locked: the changes in progress wait on it, and the gateway refuses the rest
    CompletableFuture<Void> rowLock = CompletableFuture.runAsync(() -> gateway.database().dsl().transaction(tx -> {
      tx.dsl().execute("SELECT 1 FROM movie WHERE movie_id = '" + MOVIE + "' FOR UPDATE");
      lockHeld.complete(null);
      letGo.await();
    }));
    lockHeld.get(10, TimeUnit.SECONDS);
    Path reports = temp.resolve("refused");
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> fanout(reports, "--rate", "20", "--duration", "3s"));
    try {
      Await.until(Duration.ofSeconds(60), "a PATCH refused", () -> refusedPatches() > 0);
    } finally {
      letGo.countDown();
    }
    rowLock.get(10, TimeUnit.SECONDS);
    int exit = run.get(90, TimeUnit.SECONDS);

    JsonNode result = ResultJson.read(reports.resolve("result.json"));
    assertEquals(0, exit, "the harness's verdict: " + result.path("failures"));
    JsonNode totals = result.path("totals");
    long refused = totals.path("rejected").asLong();
    assertTrue(refused > 0, "PATCHes answered 503: " + totals);
    assertEquals(0, totals.path("errors").size(), "a 503 is not an error: " + totals.path("errors"));
    assertEquals(0, totals.path("lost").asLong());
    assertEquals(0, totals.path("duplicates").asLong());
    assertEquals(refused * CHANNELS, totals.path("failed").asLong(), "no channel expects a refused change");
    assertEquals(totals.path("sent").asLong() - refused * CHANNELS, totals.path("delivered").asLong(),
        "every change made reached every channel");
  }

  private static int fanout(Path reports, String... options) {
    List<String> args = new ArrayList<>(List.of("--channels", Integer.toString(CHANNELS), "--movie-id", MOVIE,
        "--warmup", "0s", "--drain-timeout", "20s", "--http-connections", "4", "--client-threads", "2",
        "--source-addresses", "2", "--report-dir", reports.toString()));
    args.addAll(List.of(options));
    return loadtest("fanout", args.toArray(String[]::new));
  }

  /** Requests the gateway answered 5xx, all routes. */
  private static long refusedPatches() {
    return gateway.gatewayMetrics().registry().find("pushgate.http.requests").tag("status", "5xx").timers()
        .stream().mapToLong(Timer::count).sum();
  }
}

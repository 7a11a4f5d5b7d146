package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an enabler was told is durable survives a restart, and a kill -9 of the gateway and its database. */
@Timeout(180)
class DurabilityTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  /** Reads until {@code expected} notifications arrived; returns them in arrival order. */
  private static List<Integer> receive(WsClient ws, int expected) {
    List<Integer> received = new ArrayList<>();
    while (received.size() < expected) {
      received.addAll(numbers(ws.next(WAIT)));
    }
    return received;
  }

  /**
   * A long poll's lifetime reset that still waits for its batch (the channel has far to go) is written
   * by a graceful stop, so the restarted gateway holds the lifetime from that poll on.
   */
  @Test
  void testSuccess_aPollsWaitingLifetimeResetIsWrittenByAGracefulStop() {
    int port = TestGateway.freePort();
    Created channel;
    long secondPollAt;
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      channel = Channels.create(gateway, "LongPolling", 10, "\"channelLifetime\": \"600\"");
      java.util.function.IntSupplier remaining = () -> remainingLifetime(gateway, channel);
      Channels.post(gateway, channel, 1);
      // its reset is written at once
      assertEquals(200, gateway.postJson(channel.channelUrl(), LongPollingDeliveryTest.POLL_BODY).statusCode());
      // the first reset was written; three seconds on, the next one waits for the next batch (5 s after)
      Await.until(WAIT, "the lifetime run down by three seconds", () -> remaining.getAsInt() < 597);
      Channels.post(gateway, channel, 2);
      secondPollAt = System.nanoTime();
      assertEquals(200, gateway.postJson(channel.channelUrl(), LongPollingDeliveryTest.POLL_BODY).statusCode());
    } // the graceful stop, well within those 5 s
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      // reset at the second poll: at least 598 s from then, where the first reset would give at most 596
      long sinceSecondPoll = (System.nanoTime() - secondPollAt) / 1_000_000_000;
      int fromSecondPoll = remainingLifetime(gateway, channel) + (int) sinceSecondPoll;
      assertTrue(fromSecondPoll >= 598, "lifetime counted from the second poll: " + fromSecondPoll + " s");
    }
  }

  private static int remainingLifetime(TestGateway gateway, Created channel) {
    return io.pushgate.gateway.Json.parse(gateway.get(channel.resourceUrl() + "/channelLifetime").body())
        .get("notificationChannelLifetime").get("channelLifetime").asInt();
  }

  @Test
  void testSuccess_acceptedWhileDisconnectedArriveExactlyOnceAfterARestart() throws Exception {
    int port = TestGateway.freePort();
    Created channel;
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      channel = Channels.create(gateway, "WebSockets", 20);
      for (int n = 0; n < 50; n++) {
        Channels.post(gateway, channel, n);
      }
      Channels.postList(gateway, channel, 50, 120);
    }
    try (TestGateway gateway = TestGateway.start(dataDir, port);
         WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(IntStream.range(0, 120).boxed().toList(), receive(ws, 120));
      // numbering goes on after the restart; and since a channel's notifications arrive in sequence
      // order, a duplicate of anything replayed would come before this one: the next frame being it
      // alone proves there was none
      Channels.post(gateway, channel, 120);
      String frame = ws.next(WAIT);
      assertEquals(List.of(120), numbers(frame), "no duplicate before the next notification");
      assertEquals(121, Channels.resumePoint(frame));
    }
  }

  @Test
  void testSuccess_killDashNineLosesNothingThatWasAcknowledged() throws Exception {
    int port = TestGateway.freePort();
    Process gateway = startProcess(port);
    HttpClient http = HttpClient.newHttpClient();
    String api = "http://localhost:" + port + "/notificationchannel/v1";
    Created channel;
    ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    try {
      Await.until(Duration.ofSeconds(60), "gateway process ready", () -> ready(http, port));
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api + "/killer/channels"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 50}}}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());
      var json = io.pushgate.gateway.Json.parse(created.body()).get("notificationChannel");
      channel = new Created(json.get("resourceURL").asText(), json.get("callbackURL").asText(),
          json.get("channelData").get("channelURL").asText());
      // four enablers post as fast as they can; each 204 is a promise the notification is durable
      List<CompletableFuture<Void>> enablers = new ArrayList<>();
      for (int e = 0; e < 4; e++) {
        int enabler = e;
        enablers.add(CompletableFuture.runAsync(() -> {
          for (int n = enabler; !stop.get(); n += 4) {
            try {
              HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(channel.callbackUrl()))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Channels.movie(n))).build(), HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() == 204) {
                acknowledged.add(n);
              }
            } catch (IOException | InterruptedException failure) {
              return; // the gateway died under us
            }
          }
        }));
      }
      Await.until(WAIT, "some notifications acknowledged", () -> acknowledged.size() >= 300);
      assertTrue(killHard(gateway) > 0, "the embedded PostgreSQL was killed too");
      stop.set(true);
      enablers.forEach(CompletableFuture::join);
    } finally {
      stop.set(true);
      killHard(gateway);
    }

    Set<Integer> promised = new HashSet<>(acknowledged);
    try (TestGateway restarted = TestGateway.start(dataDir, port);
         WsClient ws = WsClient.connect(channel.channelUrl())) {
      Set<Integer> received = new HashSet<>();
      List<Integer> all = new ArrayList<>();
      while (!received.containsAll(promised)) {
        List<Integer> batch = numbers(ws.next(WAIT));
        all.addAll(batch);
        received.addAll(batch);
      }
      assertEquals(all.size(), received.size(), "no duplicates");
      assertTrue(promised.size() >= 300, "acknowledged " + promised.size());
    }
  }

  private Process startProcess(int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "io.pushgate.gateway.Main",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--admin-port", Integer.toString(TestGateway.freePort()),
        "--data-dir", dataDir.toString(), "--db-pool-size", "4", "--auth", "none");
    File log = dataDir.resolve("gateway-process.log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private static boolean ready(HttpClient http, int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/notificationchannel/v1/x/channels"))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** SIGKILL to the gateway and to its embedded PostgreSQL (as if the machine lost power); returns how many PostgreSQL processes died. */
  private int killHard(Process gateway) {
    List<ProcessHandle> postgres = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(false))
        .filter(p -> p.pid() != gateway.pid())
        .toList();
    gateway.destroyForcibly();
    postgres.forEach(ProcessHandle::destroyForcibly);
    Await.until(Duration.ofSeconds(20), "killed", () -> !gateway.isAlive() && postgres.stream().noneMatch(ProcessHandle::isAlive));
    return postgres.size();
  }
}

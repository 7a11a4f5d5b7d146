package io.pushgate.gateway.ops;

import static io.pushgate.gateway.delivery.DeliveryTests.numbersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful shutdown (what SIGTERM runs) in the middle of traffic: clients see 1001 with a hint to
 * reconnect, and every notification an enabler was answered 204 for is delivered before or after.
 */
@Timeout(120)
class ShutdownTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dataDir;

  @Test
  void testSuccess_nothingAcknowledgedIsLostAcrossAShutdown() {
    int port = TestGateway.freePort();
    ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
    List<Integer> received = new ArrayList<>();
    long resumePoint = 0;
    String channelUrl;
    TestGateway gateway = TestGateway.start(dataDir, port, "--keep-alive-interval", "60000");
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<Void>> enablers = new ArrayList<>();
    try {
      HttpResponse<String> created = gateway.postJson(gateway.api() + "/shutdown-user/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 50}}}");
      JsonNode channel = Json.parse(created.body()).get("notificationChannel");
      channelUrl = channel.get("channelData").get("channelURL").asText();
      String callback = channel.get("callbackURL").asText();
      try (WsClient ws = WsClient.connect(channelUrl)) {
        for (int e = 0; e < 3; e++) {
          int enabler = e;
          enablers.add(CompletableFuture.runAsync(() -> {
            for (int n = enabler; !stop.get(); n += 3) {
              try {
                if (gateway.postJson(callback, "{\"movieNotification\": {\"n\": " + n + "}}").statusCode() == 204) {
                  acknowledged.add(n);
                }
              } catch (UncheckedIOException closed) {
                return; // the gateway closed the connection while stopping
              }
            }
          }));
        }
        Await.until(WAIT, "traffic flowing", () -> acknowledged.size() >= 200);
        gateway.close(); // what the SIGTERM hook runs
        stop.set(true);
        enablers.forEach(CompletableFuture::join);
        assertEquals(1001, ws.closeCode(WAIT));
        assertTrue(ws.closeReason().contains("reconnect"), ws.closeReason());
        // the client reads the close frame after every frame sent before it, so with the close code
        // known, everything delivered before the shutdown is already queued: take it without waiting
        String frame;
        try {
          while ((frame = ws.poll(Duration.ZERO)) != null) {
            received.addAll(numbersOf(frame));
            resumePoint = Long.parseLong(Json.parse(frame).get("ncResumePoint").asText());
          }
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    } finally {
      stop.set(true);
      gateway.close();
    }

    Set<Integer> promised = new HashSet<>(acknowledged);
    try (TestGateway restarted = TestGateway.start(dataDir, port);
         WsClient ws = WsClient.connect(channelUrl + "?resumePoint=" + resumePoint)) {
      Set<Integer> all = new HashSet<>(received);
      while (!all.containsAll(promised)) {
        List<Integer> batch = numbersOf(ws.next(WAIT));
        for (Integer n : batch) {
          assertTrue(all.add(n), "delivered twice: " + n);
        }
      }
    }
  }
}

package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.RawWebSocket;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading costs the gateway a bounded amount of memory, does not slow anyone
 * else down, and still gets everything, in order, once it reads again.
 */
@Timeout(120)
class SlowConsumerTest {
  static final int NOTIFICATIONS = 3_000;
  /** About 1 KB per notification: 3 MB in all, far beyond socket buffers and the in-memory tail. */
  static final String PADDING = "x".repeat(1_000);

  @TempDir
  Path dataDir;

  @Test
  void testSuccess_slowConsumerIsServedFromTheLogAndOthersAreNotDelayed() throws Exception {
    try (TestGateway gateway = TestGateway.start(dataDir, "--keep-alive-interval", "120000")) {
      Created slow = Channels.create(gateway, "WebSockets", 50);
      Created fast = Channels.create(gateway, "WebSockets", 50);
      try (RawWebSocket stalled = RawWebSocket.connect(slow.channelUrl(), 4096);
           WsClient quick = WsClient.connect(fast.channelUrl())) {
        Channels.awaitSubscribed(gateway, slow);
        for (int from = 0; from < NOTIFICATIONS; from += 100) {
          StringBuilder body = new StringBuilder("{\"notificationList\": [");
          for (int n = from; n < from + 100; n++) {
            body.append(n > from ? "," : "").append("{\"movieNotification\": {\"n\": ").append(n)
                .append(", \"padding\": \"").append(PADDING).append("\"}}");
          }
          HttpResponse<String> response = gateway.postJson(slow.callbackUrl(), body.append("]}").toString());
          assertEquals(204, response.statusCode(), response.body());
        }
        // the stalled socket filled up; what did not fit stays in the log, not in memory
        assertTrue(gateway.component().notificationLog().spilled() > 0, "the slow-consumer policy shows in its counter");

        // meanwhile another client on the same gateway gets its notifications at once
        for (int n = 0; n < 20; n++) {
          Channels.post(gateway, fast, n);
          assertEquals(List.of(n), numbers(quick.next(Duration.ofSeconds(5))));
        }

        // the slow client reads again and gets everything, in order, once
        List<Integer> received = new ArrayList<>();
        while (received.size() < NOTIFICATIONS) {
          RawWebSocket.Frame frame = stalled.read();
          if (frame.opcode() == 1) {
            received.addAll(numbers(frame.text()));
          }
        }
        assertEquals(IntStream.range(0, NOTIFICATIONS).boxed().toList(), received);
      }
    }
  }
}

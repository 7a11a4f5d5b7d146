package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Beyond --channel-queue-limit unconfirmed notifications, the oldest are dropped and counted. */
@Timeout(60)
class ChannelQueueLimitTest {
  @TempDir
  Path dataDir;

  @Test
  void testSuccess_oldestDroppedBeyondTheBoundAndCounted() {
    try (TestGateway gateway = TestGateway.start(dataDir, "--channel-queue-limit", "10")) {
      Created channel = Channels.create(gateway, "WebSockets", 4);
      for (int n = 0; n < 25; n++) {
        Channels.post(gateway, channel, n);
      }
      assertEquals(15, gateway.component().notificationLog().dropped());
      try (WsClient ws = WsClient.connect(channel.channelUrl())) {
        List<Integer> received = new ArrayList<>();
        long lastResume = 0;
        while (received.size() < 10) {
          String frame = ws.next(Duration.ofSeconds(10));
          received.addAll(numbers(frame));
          lastResume = Channels.resumePoint(frame);
        }
        assertEquals(IntStream.range(15, 25).boxed().toList(), received, "the newest ten, in order");
        assertEquals(25, lastResume, "sequence numbers show the gap to a client that looks");
      }
    }
  }
}

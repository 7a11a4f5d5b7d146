package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.HeldLock;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import io.pushgate.gateway.dispatch.NotificationLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
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

  @Test
  void testSuccess_channelsOverflowingInOneCommitAreTrimmedTogetherAndCounted() throws Exception {
    try (TestGateway gateway = TestGateway.start(dataDir, "--channel-queue-limit", "10")) {
      NotificationLog log = gateway.component().notificationLog();
      Created first = Channels.create(gateway, "WebSockets", 4);
      List<Created> overflowing = List.of(Channels.create(gateway, "WebSockets", 4),
          Channels.create(gateway, "WebSockets", 4), Channels.create(gateway, "WebSockets", 4));
      List<CompletableFuture<Void>> posts = new ArrayList<>();
      try (HeldLock secondChannelRow = HeldLock.take(gateway,
          "SELECT 1 FROM channel WHERE channel_id = '" + overflowing.get(1).channelId() + "' FOR UPDATE")) {
        try (HeldLock logTable = HeldLock.take(gateway, "LOCK TABLE notification IN SHARE MODE")) {
          posts.add(CompletableFuture.runAsync(() -> Channels.post(gateway, first, 0)));
          HeldLock.awaitWaiter(gateway, "relation", "the log writer waits to write the first POST");
          // meanwhile fifteen for each channel queue up, in this order, to be committed together
          for (int i = 0; i < overflowing.size(); i++) {
            Created channel = overflowing.get(i);
            posts.add(CompletableFuture.runAsync(() -> Channels.postList(gateway, channel, 0, 15)));
            int queued = 1 + 15 * (i + 1);
            Await.until(Duration.ofSeconds(10), queued + " queued", () -> log.queued() == queued);
          }
        }
        HeldLock.awaitWaiter(gateway, "transactionid", "the commit's trim waits for the second channel's row");
        assertEquals(15, stored(gateway, overflowing.get(0)), "one statement: the first channel is not cut alone");
      }
      CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertEquals(15, log.dropped(), "five from each channel, counted before the enablers were answered");
      for (Created channel : overflowing) {
        assertEquals(10, stored(gateway, channel));
      }
      assertEquals(1, stored(gateway, first));
    }
  }

  private static int stored(TestGateway gateway, Created channel) {
    return ((Number) gateway.component().database().dsl().fetchValue(
        "SELECT count(*) FROM notification WHERE channel_id = {0}", DSL.val(channel.channelId()))).intValue();
  }
}

package io.pushgate.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.pushgate.gateway.TestGateway;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.RawNotification;
import io.pushgate.model.WebSocketsData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --commit-interval}: what arrives within the interval after a commit began shares the next commit. */
@Timeout(60)
class CommitIntervalTest {
  private static final int CHANNELS = 20;

  @TempDir
  Path dataDir;

  @Test
  void testSuccess_appendsArrivingWithinTheIntervalShareOneCommit() throws Exception {
    try (TestGateway gateway = TestGateway.start(dataDir, "--commit-interval", "1000")) {
      NotificationLog log = gateway.component().notificationLog();
      DistributionSummary commits = gateway.component().gatewayMetrics().registry()
          .get("pushgate.log.commit.batch").summary();
      List<LiveChannel> channels = new ArrayList<>();
      for (int i = 0; i < CHANNELS + 1; i++) {
        channels.add(liveChannel(gateway, "interval-" + i));
      }
      RawNotification notification = new RawNotification("n", MediaFormat.JSON, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));

      // the first after a quiet spell is committed without waiting for any spacing (the writer has
      // been idle since it started)
      long firstAppended = System.nanoTime();
      log.append(channels.get(0), List.of(notification)).get(10, TimeUnit.SECONDS);
      long before = commits.count();

      // the next commit may begin a second after that one began: these twenty, appended at once, all wait for it
      List<CompletableFuture<Void>> appended = new ArrayList<>();
      for (LiveChannel channel : channels.subList(1, CHANNELS + 1)) {
        appended.add(log.append(channel, List.of(notification)));
      }
      CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      long elapsed = System.nanoTime() - firstAppended;

      // a lower bound only: a slow machine makes it longer, never shorter
      assertTrue(elapsed >= TimeUnit.SECONDS.toNanos(1),
          "the second commit began a second after the first did, not at once; took " + elapsed / 1_000_000 + " ms");
      assertEquals(before + 1, commits.count(), "one commit for the twenty appends");
      assertEquals(CHANNELS, commits.max(), 0.0, "that commit carried all of them");
    }
  }

  private static LiveChannel liveChannel(TestGateway gateway, String user) throws Exception {
    NotificationChannel request = new NotificationChannel(null, null, ChannelType.WebSockets,
        new WebSocketsData(null, 10), 600, null, null);
    String token = gateway.component().channelService().create(user, request).get(10, TimeUnit.SECONDS)
        .channel().callbackToken();
    return gateway.component().liveChannels().byCallbackToken(token).get(10, TimeUnit.SECONDS).orElseThrow();
  }
}

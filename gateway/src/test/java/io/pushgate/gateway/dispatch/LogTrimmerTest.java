package io.pushgate.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.store.NotificationRepository;
import io.pushgate.gateway.store.NotificationRepository.Append;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.RawNotification;
import io.pushgate.model.WebSocketsData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Confirmations from many threads, coalesced: each channel ends trimmed to its highest confirmation. */
@Timeout(60)
class LogTrimmerTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass();

  @Test
  void testSuccess_concurrentConfirmationsTrimToTheHighest() throws Exception {
    NotificationRepository repository = gateway.component().notificationRepository();
    LogTrimmer trimmer = gateway.component().logTrimmer();
    int channels = 40;
    int perChannel = 50;
    List<String> ids = new ArrayList<>();
    List<Append> rows = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      String id = gateway.component().channelService().create("trimmer-" + c, new NotificationChannel(null, null,
          ChannelType.WebSockets, new WebSocketsData(null, 10), 600, null, null)).get(10, TimeUnit.SECONDS)
          .channel().channelId();
      ids.add(id);
      for (long seq = 1; seq <= perChannel; seq++) {
        rows.add(new Append(id, seq, new RawNotification("a", MediaFormat.JSON, new byte[] {'{', '}'})));
      }
    }
    repository.append(rows, Instant.now());

    // channel c is confirmed up to c (0: nothing), in every order, from 8 threads at once
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        threads.execute(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int c = 1; c < channels; c++) {
            for (long seq = 1 + thread % 3; seq <= c; seq += 3) {
              trimmer.trim(ids.get(c), seq);
            }
          }
        });
      }
      go.countDown();
      threads.shutdown();
      threads.awaitTermination(20, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    Await.until(Duration.ofSeconds(20), "every confirmation written", () -> trimmer.pending() == 0
        && repository.readAfter(ids.get(channels - 1), 0, perChannel).size() == perChannel - (channels - 1));
    for (int c = 0; c < channels; c++) {
      List<LoggedNotification> left = repository.readAfter(ids.get(c), 0, perChannel);
      assertEquals(perChannel - c, left.size(), "channel " + c);
      assertEquals(c + 1, left.get(0).seq(), "channel " + c + " starts after its highest confirmation");
    }
  }
}

package io.pushgate.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.model.RawNotification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** The dispatch benchmark's socket really delivers: whole frames, of the size the batch makes. */
class DispatchBenchmarkTest {
  private final DispatchBenchmark benchmark = new DispatchBenchmark();
  private SubscribedWebSocket standalone;

  @AfterEach
  void tearDown() {
    if (standalone != null) {
      standalone.close();
    }
  }

  @Test
  void aCommittedBatchComesOutAsOneTextFrame() {
    standalone = new SubscribedWebSocket(io.pushgate.gateway.Main.component("--auth", "none"), 100);
    List<RawNotification> batch = HarnessNotifications.of(10, 256);
    standalone.commit(batch);
    standalone.runEventLoop();

    StringJoiner list = new StringJoiner(",", "{\"notificationList\":[", "],\"ncResumePoint\":\"10\"}");
    for (RawNotification notification : batch) {
      list.add(new String(notification.body(), StandardCharsets.US_ASCII));
    }
    int payload = list.toString().length();
    // an unmasked text frame: 2 header bytes, 2 more for a length of 126 to 65,535
    assertEquals(2 + 2 + payload, standalone.readWritten());
    assertEquals(10, standalone.delivered());
    assertEquals(1, standalone.frames());
  }

  @Test
  void eachBenchmarkMethodDeliversItsBatchWithTheFrameSizeOfTheChannel() {
    benchmark.maxNotifications = 10;
    benchmark.payloadBytes = 256;
    benchmark.setUp();
    try {
      Blackhole blackhole = new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
      benchmark.batchOf1(blackhole);
      benchmark.batchOf10(blackhole);
      benchmark.batchOf100(blackhole);
      assertEquals(111, benchmark.socket().delivered());
      assertEquals(1 + 1 + 10, benchmark.socket().frames(), "at most maxNotifications per frame");
      assertEquals(0, benchmark.socket().readWritten(), "every byte was taken by the benchmark");
      blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    } finally {
      benchmark.tearDown();
    }
  }
}

package io.pushgate.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pushgate.gateway.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.RawNotification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drain on an EmbeddedChannel: batching by maxNotifications and format, one flush per run,
 * stopping when unwritable and resuming on writability, yielding after a bounded run. Notifications
 * are committed while subscribed, so they come from the in-memory tail and no database is needed.
 */
class DeliveryDrainTest {
  private final EmbeddedChannel socket = new EmbeddedChannel();
  private final LiveChannel channel = new LiveChannel(new Channel("ch", "u", ChannelType.WebSockets, null, null, 4,
      null, "cb", "tok", 3600, Instant.now().plusSeconds(3600), Instant.now()), 1, 0);
  private int flushes;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void tearDown() {
    socket.finishAndReleaseAll();
  }

  private DeliveryDrain drain(int maxNotifications) {
    socket.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(io.netty.channel.ChannelHandlerContext ctx) {
        flushes++;
        ctx.flush();
      }
    });
    // the cursor's log reads are never needed here: everything is in the channel's memory
    DeliveryCursor cursor = new DeliveryCursor(channel, 0, null, null, socket.eventLoop(), () -> { });
    DeliveryDrain drain = new DeliveryDrain(socket, cursor, maxNotifications, buffer -> buffer,
        new GatewayMetrics(registry));
    channel.attach(new Subscriber() {
      @Override
      public void notifyPending() {
        drain.request();
      }

      @Override
      public java.util.concurrent.CompletableFuture<Void> close(Ending ending) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }
    });
    return drain;
  }

  private void commit(int from, int to, MediaFormat format) {
    List<LoggedNotification> batch = new ArrayList<>();
    for (int n = from; n < to; n++) {
      String body = format == MediaFormat.JSON
          ? "{\"movieNotification\":{\"n\":" + n + "}}"
          : "<movieNotification><n>" + n + "</n></movieNotification>";
      long seq = channel.reserve(1);
      batch.add(new LoggedNotification(seq, new RawNotification("movieNotification", format,
          body.getBytes(StandardCharsets.UTF_8))));
    }
    channel.committed(batch);
    socket.runPendingTasks();
  }

  /** Every frame written so far, as text. */
  private List<String> frames() {
    List<String> frames = new ArrayList<>();
    ByteBuf frame;
    while ((frame = socket.readOutbound()) != null) {
      frames.add(frame.toString(StandardCharsets.UTF_8));
      frame.release();
    }
    return frames;
  }

  private static List<Integer> numbers(String frame) {
    List<Integer> numbers = new ArrayList<>();
    for (JsonNode item : Json.parse(frame).get("notificationList")) {
      numbers.add(item.get("movieNotification").get("n").asInt());
    }
    return numbers;
  }

  @Test
  void testBatchesOfMaxNotificationsInOrderWithOneFlush() {
    drain(4);
    commit(0, 10, MediaFormat.JSON);
    List<String> frames = frames();
    assertEquals(3, frames.size());
    assertEquals(List.of(0, 1, 2, 3), numbers(frames.get(0)));
    assertEquals(List.of(4, 5, 6, 7), numbers(frames.get(1)));
    assertEquals(List.of(8, 9), numbers(frames.get(2)));
    assertEquals("10", Json.parse(frames.get(2)).get("ncResumePoint").asText());
    assertEquals(1, flushes, "one flush for the whole run");
    // the metrics saw three frames of ten notifications, each with its delivery latency
    var perFrame = registry.get("pushgate.frame.notifications").tag("transport", "websocket").summary();
    assertEquals(3, perFrame.count());
    assertEquals(10, perFrame.totalAmount());
    assertEquals(10, registry.get("pushgate.notifications.delivered").tag("transport", "websocket").counter().count());
  }

  @Test
  void testFormatsAreNeverMixedInOneFrame() {
    drain(10);
    commit(0, 2, MediaFormat.JSON);
    commit(2, 4, MediaFormat.XML);
    commit(4, 5, MediaFormat.JSON);
    List<String> frames = frames();
    assertEquals(3, frames.size(), frames.toString());
    assertTrue(frames.get(0).startsWith("{\"notificationList\":["));
    assertTrue(frames.get(1).startsWith("<?xml") && frames.get(1).contains("<n>2</n><") && frames.get(1).contains("<n>3</n>"));
    assertEquals(List.of(4), numbers(frames.get(2)));
  }

  @Test
  void testStopsWhenUnwritableAndResumesOnWritability() {
    DeliveryDrain drain = drain(2);
    socket.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    assertFalse(socket.isWritable());
    commit(0, 6, MediaFormat.JSON);
    assertTrue(frames().isEmpty(), "nothing written while unwritable");

    socket.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    drain.request(); // what channelWritabilityChanged does
    socket.runPendingTasks();
    List<String> frames = frames();
    assertEquals(3, frames.size());
    assertEquals(List.of(4, 5), numbers(frames.get(2)));
    assertEquals(6, drain.notifications());
  }

  @Test
  void testALongBacklogYieldsAfterABoundedRun() {
    DeliveryDrain drain = drain(1);
    int total = DeliveryDrain.MAX_FRAMES_PER_RUN + 10;
    // commit without running tasks in between, then run exactly one task
    List<LoggedNotification> batch = new ArrayList<>();
    for (int n = 0; n < total; n++) {
      batch.add(new LoggedNotification(channel.reserve(1), new RawNotification("movieNotification", MediaFormat.JSON,
          ("{\"movieNotification\":{\"n\":" + n + "}}").getBytes(StandardCharsets.UTF_8))));
    }
    channel.committed(batch);
    socket.runPendingTasks();
    // the first run wrote a bounded number, rescheduled itself, and the next run finished the job
    assertEquals(total, frames().size());
    assertTrue(flushes >= 2, "flushed once per run: " + flushes);
    assertEquals(total, drain.frames());
    assertNull(socket.readOutbound());
  }

  @Test
  void testMemoryTailIsBounded() {
    drain(1);
    socket.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    List<LoggedNotification> many = new ArrayList<>();
    for (int n = 0; n < LiveChannel.RECENT_LIMIT + 100; n++) {
      many.add(new LoggedNotification(channel.reserve(1), new RawNotification("x", MediaFormat.JSON, "{\"x\":{}}".getBytes(StandardCharsets.UTF_8))));
    }
    int spilled = channel.committed(many);
    assertEquals(100, spilled, "beyond the tail's bound the oldest leave memory (they stay in the log)");
    // the cursor now needs the log for what left memory
    assertTrue(channel.take(0, 10) == LiveChannel.Take.FROM_LOG);
  }
}

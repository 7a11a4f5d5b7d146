package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.gateway.dispatch.DeliveryCursors;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Long polls on one keep-alive connection, on an EmbeddedChannel: a poll that ended leaves nothing
 * registered on the connection's close future, and a close still ends the poll that is parked.
 * The channel's log is empty, so no database is needed.
 */
class LongPollRequestTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedChannel connection = new EmbeddedChannel();
  private final CountedCloseFuture closed = new CountedCloseFuture(connection);
  private final DeliveryCursors cursors = GatewayComponent.create(GatewayConfigs.defaults()).deliveryCursors();
  private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
  private final LiveChannel channel = new LiveChannel(new Channel("ch", "u", ChannelType.LongPolling, null, null, 10,
      null, "cb", "tok", 3600, Instant.now().plusSeconds(3600), Instant.now()), 1, 0);

  @AfterEach
  void tearDown() {
    connection.finishAndReleaseAll();
  }

  private CompletableFuture<ApiResponse> poll() {
    LongPollRequest request = new LongPollRequest(channel, 0, cursors, connection.eventLoop(), connection.alloc(),
        MediaFormat.JSON, TIMEOUT, metrics);
    CompletableFuture<ApiResponse> answer = request.start(closed);
    connection.runPendingTasks();
    return answer;
  }

  @Test
  void testSuccess_endedPollsLeaveNoListenerOnTheConnection() {
    List<CompletableFuture<ApiResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      answers.add(poll()); // each supersedes the one before
    }
    connection.advanceTimeBy(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    connection.runScheduledPendingTasks();
    connection.runPendingTasks();

    for (CompletableFuture<ApiResponse> answer : answers.subList(0, answers.size() - 1)) {
      assertEquals(409, answer.join().status().code(), "superseded");
    }
    assertEquals(200, answers.get(answers.size() - 1).join().status().code(), "timed out with an empty list");
    assertEquals(0, closed.listeners.size(), "every ended poll took its close listener away");
    assertEquals(0, metrics.registry().get("pushgate.connections").tag("transport", "longpoll").gauge().value());
  }

  @Test
  void testSuccess_closingTheConnectionEndsTheParkedPoll() {
    poll();
    CompletableFuture<ApiResponse> parked = poll();
    assertEquals(1, closed.listeners.size(), "only the parked poll listens");
    closed.setSuccess();
    connection.runPendingTasks();
    assertNull(parked.join(), "nothing to write to a closed connection");
    assertEquals(0, closed.listeners.size());
  }

  /** A connection's close future that shows which listeners it holds. */
  private static final class CountedCloseFuture extends DefaultChannelPromise {
    final Set<GenericFutureListener<?>> listeners = ConcurrentHashMap.newKeySet();

    CountedCloseFuture(io.netty.channel.Channel channel) {
      super(channel);
    }

    @Override
    public ChannelPromise addListener(GenericFutureListener<? extends Future<? super Void>> listener) {
      listeners.add(listener);
      return super.addListener(listener);
    }

    @Override
    public ChannelPromise removeListener(GenericFutureListener<? extends Future<? super Void>> listener) {
      listeners.remove(listener);
      return super.removeListener(listener);
    }
  }
}

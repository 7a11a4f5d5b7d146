package io.pushgate.gateway.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushgate.gateway.dispatch.DeliveryCursor;
import io.pushgate.gateway.dispatch.DeliveryCursors;
import io.pushgate.gateway.dispatch.FrameEncoder;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.gateway.dispatch.Subscriber;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One parked long poll (spec §5): the channel's subscriber until it is answered. Answers with up to
 * {@code maxNotifications} notifications as soon as any are pending, or, with {@code maxWaitTime},
 * once that many are pending or that long after the first arrived; with an empty list at the
 * timeout; with 409 SVC1012 when a newer poll takes over; with 404 when the channel goes.
 *
 * <p>Lives on its connection's event loop; {@link #notifyPending} and {@link #close} hop there.
 */
final class LongPollRequest implements Subscriber {
  private final LiveChannel channel;
  private final DeliveryCursor cursor;
  private final EventLoop loop;
  private final ByteBufAllocator alloc;
  private final MediaFormat errorFormat;
  private final Duration timeout;
  private final GatewayMetrics metrics;
  private final int maxWaitSeconds;
  private final CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
  private final List<LoggedNotification> held = new ArrayList<>();
  private final ChannelFutureListener abandonOnClose = closed -> abandon();
  private ChannelFuture connectionClosed;
  private ScheduledFuture<?> timeoutTask;
  private ScheduledFuture<?> waitTask;

  LongPollRequest(LiveChannel channel, long position, DeliveryCursors cursors, EventLoop loop, ByteBufAllocator alloc,
      MediaFormat errorFormat, Duration timeout, GatewayMetrics metrics) {
    this.channel = channel;
    this.metrics = metrics;
    this.cursor = cursors.open(channel, position, loop, this::collect);
    this.loop = loop;
    this.alloc = alloc;
    this.errorFormat = errorFormat;
    this.timeout = timeout;
    Integer maxWaitTime = channel.channel().maxWaitTime();
    this.maxWaitSeconds = maxWaitTime == null ? 0 : maxWaitTime;
  }

  /**
   * Becomes the channel's subscriber (superseding an older poll) and completes the answer when due,
   * or with null when {@code connectionClosed} completes first.
   */
  CompletableFuture<ApiResponse> start(ChannelFuture connectionClosed) {
    assert loop.inEventLoop();
    // a keep-alive connection outlives many polls: the listener goes again when this one ends
    this.connectionClosed = connectionClosed;
    connectionClosed.addListener(abandonOnClose);
    Subscriber previous = channel.attach(this);
    if (previous != null) {
      previous.close(Ending.SUPERSEDED);
    }
    timeoutTask = loop.schedule(this::answerHeld, timeout.toMillis(), TimeUnit.MILLISECONDS);
    metrics.connection(GatewayMetrics.Transport.longpoll, 1);
    collect();
    return answer;
  }

  /** The client went away: stop being the subscriber; the answer completes with null (nothing to write). */
  void abandon() {
    loop.execute(() -> finish(null));
  }

  @Override
  public void notifyPending() {
    loop.execute(this::collect);
  }

  @Override
  public CompletableFuture<Void> close(Ending ending) {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    loop.execute(() -> {
      finish(switch (ending) {
        case SUPERSEDED -> ApiResponse.error(ServiceException.simultaneousRequests());
        case DELETED, EXPIRED -> ApiResponse.error(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput("channelURL"));
        case SHUTDOWN -> ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
            ServiceException.serviceError("server shutting down"));
      });
      answered.complete(null); // a poll's answer is one small response, written as its loop goes on
    });
    return answered;
  }

  private void collect() {
    if (answer.isDone()) {
      return;
    }
    int max = channel.channel().maxNotifications();
    while (held.size() < max) {
      List<LoggedNotification> batch = cursor.next(max - held.size());
      if (batch.isEmpty()) {
        break;
      }
      if (!held.isEmpty() && FrameEncoder.formatOf(batch) != FrameEncoder.formatOf(held)) {
        break; // a list holds one format; the other waits for the next poll
      }
      held.addAll(batch);
    }
    if (held.isEmpty()) {
      return;
    }
    if (held.size() >= max || maxWaitSeconds == 0) {
      answerHeld();
    } else if (waitTask == null) {
      waitTask = loop.schedule(this::answerHeld, maxWaitSeconds, TimeUnit.SECONDS);
    }
  }

  /** Answers with what is held: notifications, or the empty list at the timeout. */
  private void answerHeld() {
    if (answer.isDone()) {
      return;
    }
    if (held.isEmpty()) {
      finish(ApiResponse.ok(new EncodedBody(errorFormat, Unpooled.wrappedBuffer(FrameEncoder.empty(errorFormat)))));
      return;
    }
    channel.polledUpTo(held.get(held.size() - 1).seq());
    metrics.frameWritten(GatewayMetrics.Transport.longpoll, held.size());
    long now = System.nanoTime();
    for (LoggedNotification n : held) {
      metrics.notificationWritten(n.acceptedNanos(), now);
    }
    finish(ApiResponse.ok(new EncodedBody(FrameEncoder.formatOf(held),
        FrameEncoder.encode(alloc, held))));
  }

  private void finish(ApiResponse response) {
    if (answer.isDone()) {
      return;
    }
    channel.detach(this);
    cursor.close();
    metrics.connection(GatewayMetrics.Transport.longpoll, -1);
    if (timeoutTask != null) {
      timeoutTask.cancel(false);
    }
    if (waitTask != null) {
      waitTask.cancel(false);
    }
    connectionClosed.removeListener(abandonOnClose);
    held.clear(); // answered (or never will be): a late reference to this request keeps no notifications
    answer.complete(response);
  }
}

package io.pushgate.bench.client;

import io.netty.channel.ChannelFuture;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.LoadMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The run's subscribers, one per channel: WebSockets ({@link ChannelSocket}) or long polls
 * ({@link LongPollChannel}). Opening is throttled to a bounded number of connections in flight, so a
 * burst of thousands of SYNs does not overflow the gateway's accept backlog (1,024).
 */
public final class SubscriberFleet implements AutoCloseable {
  /** One channel's client, whatever it receives over. */
  public interface Subscriber {
    /** Opens it; completes when it is ready to receive, or fails with why it could not be. */
    CompletableFuture<Void> open();

    /** Closes it for good; the future completes once closed, null when it never connected. */
    ChannelFuture close();
  }

  private final BiFunction<URI, FrameListener, Subscriber> subscribers;
  private final List<Subscriber> open = new ArrayList<>();

  private SubscriberFleet(BiFunction<URI, FrameListener, Subscriber> subscribers) {
    this.subscribers = subscribers;
  }

  /** A WebSocket on each channelURL. */
  public static SubscriberFleet webSockets(ClientTransport transport, LoadMetrics metrics, SocketOptions options) {
    FrameParser parser = new FrameParser();
    return new SubscriberFleet(
        (uri, listener) -> new ChannelSocket(uri, transport, metrics, parser, listener, options));
  }

  /** A long poll after another on each channelURL of a LongPolling channel. */
  public static SubscriberFleet longPolls(ClientTransport transport, LoadMetrics metrics, SocketOptions options) {
    FrameParser parser = new FrameParser();
    return new SubscriberFleet(
        (uri, listener) -> new LongPollChannel(uri, transport, metrics, parser, listener, options));
  }

  /**
   * How opening went.
   *
   * @param opened subscribers that opened (a WebSocket's handshake completed, a poll's connection made)
   * @param failed subscribers refused or not answered in time
   * @param seconds time taken
   * @param firstFailure the first failure's message, or null
   */
  public record Opened(int opened, int failed, double seconds, String firstFailure) {}

  /**
   * Opens one subscriber per URI, subscriber {@code i} reporting to {@code listeners.apply(i)}; waits
   * until every one opened or failed, or {@code timeout} passed (the late ones count as failed).
   *
   * @param concurrency openings (a WebSocket's handshake, a poll's connection) in flight at most
   */
  public Opened open(List<URI> uris, IntFunction<FrameListener> listeners, int concurrency, Duration timeout)
      throws InterruptedException {
    long start = BenchClock.nanos();
    long deadline = start + timeout.toNanos();
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<Void>> opening = new ArrayList<>(uris.size());
    for (int i = 0; i < uris.size(); i++) {
      if (!inFlight.tryAcquire(Math.max(0, deadline - BenchClock.nanos()), TimeUnit.NANOSECONDS)) {
        break;
      }
      Subscriber subscriber = subscribers.apply(uris.get(i), listeners.apply(i));
      synchronized (open) {
        open.add(subscriber);
      }
      opening.add(subscriber.open().whenComplete((ok, e) -> inFlight.release()));
    }
    int opened = 0;
    String firstFailure = null;
    for (CompletableFuture<Void> f : opening) {
      try {
        f.get(Math.max(0, deadline - BenchClock.nanos()), TimeUnit.NANOSECONDS);
        opened++;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        if (firstFailure == null) {
          firstFailure = e instanceof java.util.concurrent.TimeoutException ? "not opened within " + timeout
              : String.valueOf(e.getCause());
        }
      }
    }
    return new Opened(opened, uris.size() - opened, (BenchClock.nanos() - start) / 1e9, firstFailure);
  }

  /** Closes every subscriber, waiting up to {@code timeout} for the closes to complete. */
  public void close(Duration timeout) {
    List<ChannelFuture> closing = new ArrayList<>();
    synchronized (open) {
      for (Subscriber s : open) {
        ChannelFuture f = s.close();
        if (f != null) {
          closing.add(f);
        }
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ChannelFuture f : closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        f.channel().close();
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}

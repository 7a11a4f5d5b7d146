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
import java.util.function.IntFunction;

/**
 * The run's WebSockets, one per channel. Opening is throttled to a bounded number of handshakes in
 * flight, so a burst of thousands of SYNs does not overflow the gateway's accept backlog (1,024).
 */
public final class SocketFleet implements AutoCloseable {
  private final ClientTransport transport;
  private final LoadMetrics metrics;
  private final SocketOptions options;
  private final FrameParser parser = new FrameParser();
  private final List<ChannelSocket> sockets = new ArrayList<>();

  public SocketFleet(ClientTransport transport, LoadMetrics metrics, SocketOptions options) {
    this.transport = transport;
    this.metrics = metrics;
    this.options = options;
  }

  /**
   * How opening went.
   *
   * @param opened sockets whose handshake completed
   * @param failed sockets refused or not answered in time
   * @param seconds time taken
   * @param firstFailure the first failure's message, or null
   */
  public record Opened(int opened, int failed, double seconds, String firstFailure) {}

  /**
   * Opens one socket per URI, socket {@code i} reporting to {@code listeners.apply(i)}; waits until
   * every handshake completed or failed, or {@code timeout} passed (the late ones count as failed).
   *
   * @param concurrency handshakes in flight at most
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
      ChannelSocket socket = new ChannelSocket(uris.get(i), transport, metrics, parser, listeners.apply(i), options);
      synchronized (sockets) {
        sockets.add(socket);
      }
      opening.add(socket.open().whenComplete((ok, e) -> inFlight.release()));
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

  /** Closes every socket, waiting up to {@code timeout} for the closes to complete. */
  public void close(Duration timeout) {
    List<ChannelFuture> closing = new ArrayList<>();
    synchronized (sockets) {
      for (ChannelSocket s : sockets) {
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

package io.pushgate.bench.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushgate.bench.metrics.BenchClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One keep-alive HTTP/1.1 connection that pipelines: requests are written without waiting, and
 * answers, which come back in request order, complete the oldest pending request. {@link HttpPool}
 * keeps the number in flight bounded. If the connection closes, every pending request fails and the
 * next request opens a new connection.
 *
 * <p>Threads: {@link #send} may be called from any thread; the pending queue is touched only on the
 * connection's event loop.
 */
final class HttpConnection {
  /** Largest answer read: channel representations and errors are small; 1 MiB is generous. */
  private static final int MAX_RESPONSE_BYTES = 1 << 20;
  /** An answer later than this closes the connection (failing what is pending): nothing waits forever. */
  static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /**
   * A connection unused this long is replaced before the next request rather than reused: a server
   * closes idle keep-alive connections (pushgate after its 10 s request-read timeout), and a request
   * written just as that close happens fails although the server never read it.
   */
  static final long IDLE_REOPEN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ClientTransport transport;
  private final InetSocketAddress remote;
  private final AtomicInteger inFlight = new AtomicInteger();
  private ChannelFuture connecting; // guarded by this
  private long lastUsedNanos; // guarded by this

  HttpConnection(ClientTransport transport, InetSocketAddress remote) {
    this.transport = transport;
    this.remote = remote;
  }

  /** Requests written and not answered yet (or about to be written). */
  int inFlight() {
    return inFlight.get();
  }

  /** Counts a request that is about to be sent here; for the pool's choice of connection. */
  void reserve() {
    inFlight.incrementAndGet();
  }

  /**
   * Writes a request reserved with {@link #reserve()}; the request is built on the event loop by
   * {@code request} (so a retry can build a fresh one) and released by Netty once written.
   */
  CompletableFuture<HttpResult> send(Supplier<FullHttpRequest> request) {
    CompletableFuture<HttpResult> result = new CompletableFuture<>();
    result.whenComplete((r, e) -> inFlight.decrementAndGet());
    ChannelFuture ready = channel();
    // a channel future notifies its listeners on the channel's event loop, done or not
    ready.addListener(f -> {
      if (f.isSuccess()) {
        write(ready.channel(), request.get(), result);
      } else {
        result.completeExceptionally(f.cause());
      }
    });
    return result;
  }

  /** Closes the socket; pending requests fail. */
  void close() {
    ChannelFuture current;
    synchronized (this) {
      current = connecting;
      connecting = null;
    }
    if (current != null) {
      current.channel().close();
    }
  }

  private synchronized ChannelFuture channel() {
    long now = System.nanoTime();
    boolean idleTooLong = connecting != null && connecting.isDone() && inFlight.get() <= 1
        && now - lastUsedNanos > IDLE_REOPEN_NANOS;
    lastUsedNanos = now;
    if (idleTooLong) {
      connecting.channel().close();
    }
    if (connecting == null || idleTooLong || (connecting.isDone() && !connecting.channel().isActive())) {
      connecting = transport.connect(remote, new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), new Answers());
        }
      });
    }
    return connecting;
  }

  private static void write(Channel ch, FullHttpRequest request, CompletableFuture<HttpResult> result) {
    Answers answers = ch.pipeline().get(Answers.class);
    if (answers == null || !ch.isActive()) {
      request.release();
      result.completeExceptionally(new ClosedChannelException());
      return;
    }
    answers.pending.add(new Pending(result, BenchClock.nanos()));
    ch.writeAndFlush(request).addListener(f -> {
      if (!f.isSuccess()) {
        ch.close(); // the pending entry fails in channelInactive, keeping the queue in order
      }
    });
  }

  private record Pending(CompletableFuture<HttpResult> result, long sentAtNanos) {}

  /**
   * Matches answers to requests in order; fails what is left when the connection goes. Once a second
   * it checks the oldest request's age, which bounds every wait without a timer per request.
   */
  private static final class Answers extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ScheduledFuture<?> watchdog;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      watchdog = ctx.executor().scheduleAtFixedRate(() -> {
        Pending oldest = pending.peek();
        if (oldest != null && BenchClock.nanos() - oldest.sentAtNanos() > ANSWER_TIMEOUT_NANOS) {
          ctx.close();
        }
      }, 1, 1, TimeUnit.SECONDS);
      ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      Pending next = pending.poll();
      if (next == null) {
        ctx.close(); // an answer nobody asked for: the connection is out of step
        return;
      }
      next.result().complete(new HttpResult(response.status().code(), ByteBufUtil.getBytes(response.content()),
          next.sentAtNanos(), BenchClock.nanos()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
      IOException closed = new IOException("connection closed with " + pending.size() + " requests unanswered");
      for (Pending p; (p = pending.poll()) != null; ) {
        p.result().completeExceptionally(closed);
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}

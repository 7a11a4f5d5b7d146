package io.pushgate.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops slow-loris clients: a request must arrive whole within {@code --request-read-timeout} of the
 * connection opening or of the previous response; otherwise the connection is closed. The clock does
 * not run while a request is being answered (a parked long poll may take its time) and the handler is
 * removed when the connection becomes a WebSocket. An idle keep-alive connection closes the same way.
 *
 * <p>Starting and stopping the clock only sets a deadline: one timer per connection checks it when it
 * fires and re-arms itself for the current deadline, so a busy connection costs no timer scheduling
 * or cancelling per request.
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestTimeoutHandler.class);
  private static final long STOPPED = 0;

  private final long timeoutNanos;
  private ChannelHandlerContext ctx;
  /** When the connection goes unless a whole request came; {@link #STOPPED} while answering. */
  private long deadline = STOPPED;
  private ScheduledFuture<?> timer;
  private int answering;

  RequestTimeoutHandler(long timeoutMillis) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      start();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest && deadline == STOPPED && answering == 0) {
      start();
    }
    if (msg instanceof LastHttpContent) {
      deadline = STOPPED;
      answering++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent && answering > 0) {
      answering--;
      if (answering == 0) {
        start(); // the next request, or the connection goes
      }
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimer();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
  }

  private void start() {
    deadline = System.nanoTime() + timeoutNanos;
    if (deadline == STOPPED) {
      deadline++;
    }
    if (timer == null) {
      timer = ctx.executor().schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void check() {
    timer = null;
    if (deadline == STOPPED || !ctx.channel().isActive()) {
      return; // answering: the next start() schedules again
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      log.debug("closing {}: no whole request within {} ms", ctx.channel().remoteAddress(),
          TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
      ctx.close();
    } else {
      timer = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
    }
  }

  private void cancelTimer() {
    deadline = STOPPED;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}

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
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestTimeoutHandler.class);

  private final long timeoutMillis;
  private ScheduledFuture<?> deadline;
  private int answering;

  RequestTimeoutHandler(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest && deadline == null && answering == 0) {
      arm(ctx);
    }
    if (msg instanceof LastHttpContent) {
      disarm();
      answering++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent && answering > 0) {
      answering--;
      if (answering == 0) {
        arm(ctx); // the next request, or the connection goes
      }
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    deadline = ctx.executor().schedule(() -> {
      log.debug("closing {}: no whole request within {} ms", ctx.channel().remoteAddress(), timeoutMillis);
      ctx.close();
    }, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}

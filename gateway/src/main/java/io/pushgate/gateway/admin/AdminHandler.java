package io.pushgate.gateway.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pushgate.gateway.ServerBusyException;
import io.pushgate.gateway.http.ConnectionErrors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's endpoints: {@code GET /metrics} (Prometheus text, rendered by the
 * {@link MetricsScraper} off the event loop; 503 when too many scrapes wait), {@code GET /health/live}
 * (the process answers) and {@code GET /health/ready} (serving and the database answers; 503
 * otherwise). Stateless, shared.
 */
@Sharable
@Singleton
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Readiness readiness;
  private final MetricsScraper scraper;

  @Inject
  AdminHandler(Readiness readiness, MetricsScraper scraper) {
    this.readiness = readiness;
    this.scraper = scraper;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals("/health/live") && !path.equals("/health/ready") && !path.equals("/metrics")) {
      respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "{\"status\":\"NOT_FOUND\"}");
    } else if (!request.method().equals(HttpMethod.GET)) {
      FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"status\":\"METHOD_NOT_ALLOWED\"}");
      response.headers().set(HttpHeaderNames.ALLOW, "GET");
      write(ctx, keepAlive, response);
    } else if (path.equals("/metrics")) {
      scraper.scrape().whenComplete((text, failure) -> ctx.executor().execute(() -> {
        if (failure == null) {
          write(ctx, keepAlive, response(HttpResponseStatus.OK, PROMETHEUS_TEXT, Unpooled.wrappedBuffer(text)));
        } else if (failure instanceof ServerBusyException) {
          respond(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"BUSY\"}");
        } else {
          log.warn("metrics scrape failed", failure);
          respond(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"status\":\"ERROR\"}");
        }
      }));
    } else if (path.equals("/health/live")) {
      respond(ctx, keepAlive, HttpResponseStatus.OK, "{\"status\":\"UP\"}");
    } else {
      readiness.check().whenComplete((ready, failure) -> ctx.executor().execute(() -> {
        boolean up = failure == null && ready;
        respond(ctx, keepAlive, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      }));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!ConnectionErrors.isExpected(cause)) {
      log.warn("admin connection failed", cause);
    }
    ctx.close();
  }

  private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String json) {
    write(ctx, keepAlive, response(status, json));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String json) {
    return response(status, HttpHeaderValues.APPLICATION_JSON, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
  }

  private static FullHttpResponse response(HttpResponseStatus status, CharSequence contentType, ByteBuf body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    return response;
  }

  private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response);
  }
}

package io.pushgate.gateway.admin;

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
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushgate.gateway.http.ConnectionErrors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * The admin listener's endpoints: {@code GET /metrics} (Prometheus text), {@code GET /health/live}
 * (the process answers) and {@code GET /health/ready} (serving and the database answers; 503
 * otherwise). Stateless, shared.
 */
@Sharable
@Singleton
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Readiness readiness;
  private final PrometheusMeterRegistry prometheus;

  @Inject
  AdminHandler(Readiness readiness, PrometheusMeterRegistry prometheus) {
    this.readiness = readiness;
    this.prometheus = prometheus;
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
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.copiedBuffer(prometheus.scrape(), StandardCharsets.UTF_8));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      write(ctx, keepAlive, response);
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
      org.slf4j.LoggerFactory.getLogger(AdminHandler.class).warn("admin connection failed", cause);
    }
    ctx.close();
  }

  private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String json) {
    write(ctx, keepAlive, response(status, json));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String json) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    return response;
  }

  private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response);
  }
}

package io.pushgate.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.ServerBusyException;
import io.pushgate.gateway.ServingState;
import io.pushgate.gateway.auth.AuthenticationException;
import io.pushgate.gateway.channel.RequestRejectedException;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.gateway.dispatch.ChannelGoneException;
import io.pushgate.gateway.http.Router.BadPathException;
import io.pushgate.gateway.http.Router.Route;
import io.pushgate.gateway.ws.WebSocketUpgrade;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers REST requests on one connection, one at a time and in order (HTTP/1.1 pipelining): requests
 * that arrive while one waits for the database (or for its token's signature check on the CPU executor)
 * wait in a small bounded queue, and reading stops as soon as one does (a client that waits for each
 * answer costs no change of the socket's epoll interest). The request is served, and its answer
 * written, on this connection's event loop.
 *
 * <p>One instance per connection: it holds that connection's queue.
 */
final class RestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
  /** One line per request when --access-log is on. */
  private static final Logger accessLog = LoggerFactory.getLogger("pushgate.access");
  /** Requests a client may pipeline behind one in flight; beyond that the connection is closed. */
  static final int MAX_PIPELINED_REQUESTS = 16;
  static final String UNMATCHED = "unmatched";
  private static final java.util.regex.Pattern CAPABILITY = java.util.regex.Pattern.compile("/(callbacks|longpoll|ws)/[^/]+");

  private final Router router;
  private final ChannelResource channels;
  private final IngressResource ingress;
  private final LongPollResource longPolls;
  private final WebSocketUpgrade webSockets;
  private final MoviesResource movies;
  private final ResponseEncoder encoder;
  private final GatewayMetrics metrics;
  private final ServingState serving;
  private final AccessPolicy access;
  private final RateLimiter rateLimiter;
  private final boolean accessLogOn;
  private String requestLine;
  /** The route of the request in flight, for its metric ({@code unmatched} until routed). */
  private String routeLabel = UNMATCHED;
  private long started;
  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private boolean busy;

  @Inject
  RestHandler(Router router, ChannelResource channels, IngressResource ingress, LongPollResource longPolls,
      WebSocketUpgrade webSockets, MoviesResource movies, ResponseEncoder encoder, GatewayMetrics metrics,
      ServingState serving, AccessPolicy access, RateLimiter rateLimiter, GatewayConfig config) {
    this.rateLimiter = rateLimiter;
    this.access = access;
    this.accessLogOn = config.accessLog();
    this.metrics = metrics;
    this.serving = serving;
    this.router = router;
    this.channels = channels;
    this.ingress = ingress;
    this.longPolls = longPolls;
    this.webSockets = webSockets;
    this.movies = movies;
    this.encoder = encoder;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!busy) {
      process(ctx, request);
    } else if (queued.size() < MAX_PIPELINED_REQUESTS) {
      queued.add(request);
      // a pipelining client: stop reading until the queue drains (one epoll change per burst, not per request)
      ctx.channel().config().setAutoRead(false);
    } else {
      request.release();
      log.debug("closing {}: more than {} pipelined requests", ctx.channel().remoteAddress(), MAX_PIPELINED_REQUESTS);
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueued();
    ctx.fireChannelInactive();
  }

  /**
   * The pipeline's one terminal error path: a client that vanishes mid-request, a write to a closed
   * connection, a TLS failure are expected and end the connection quietly; anything else is logged
   * once, then the connection closes.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ConnectionErrors.isExpected(cause)) {
      log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseQueued();
  }

  private void process(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    started = System.nanoTime();
    routeLabel = UNMATCHED;
    requestLine = accessLogOn ? request.method() + " " + redacted(new QueryStringDecoder(request.uri()).path()) : null;
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    MediaFormat format = ContentNegotiation.responseFormat(request.headers().get(HttpHeaderNames.ACCEPT))
        .orElse(MediaFormat.JSON);
    CompletableFuture<ApiResponse> answer;
    try {
      answer = dispatch(ctx, request);
    } catch (Exception | AssertionError e) {
      answer = CompletableFuture.failedFuture(e);
    } finally {
      request.release();
    }
    answer.whenComplete((response, failure) -> {
      if (ctx.executor().inEventLoop()) {
        finish(ctx, format, keepAlive, response, failure);
      } else {
        ctx.executor().execute(() -> finish(ctx, format, keepAlive, response, failure));
      }
    });
  }

  private CompletableFuture<ApiResponse> dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      return done(ApiResponse.error(ServiceException.serviceError("malformed HTTP request")));
    }
    if (!serving.isServing()) {
      return done(new ApiResponse(HttpResponseStatus.SERVICE_UNAVAILABLE,
          ServiceException.serviceError("server shutting down, retry later"), Map.of(HttpHeaderNames.RETRY_AFTER, "1")));
    }
    Optional<Route> route;
    try {
      route = router.match(request.uri());
    } catch (BadPathException e) {
      return done(ApiResponse.error(ServiceException.invalidInput(e.part())));
    }
    if (route.isEmpty()) {
      return done(ApiResponse.error(HttpResponseStatus.NOT_FOUND, ServiceException.serviceError("no such resource")));
    }
    Resource resource = route.get().resource();
    routeLabel = resource.name();
    if (!resource.allows(request.method())) {
      return done(ApiResponse.methodNotAllowed(resource));
    }
    Optional<MediaFormat> accepted = ContentNegotiation.responseFormat(request.headers().get(HttpHeaderNames.ACCEPT));
    if (accepted.isEmpty()) {
      return done(ApiResponse.error(HttpResponseStatus.NOT_ACCEPTABLE,
          ServiceException.serviceError("not acceptable; available: application/json, application/xml")));
    }
    if (!withinRate(ctx, resource, request)) {
      metrics.refused(GatewayMetrics.Refusal.rate_limit);
      return done(new ApiResponse(HttpResponseStatus.TOO_MANY_REQUESTS,
          ServiceException.serviceError("too many requests, slow down"),
          Map.of(HttpHeaderNames.RETRY_AFTER, Long.toString(rateLimiter.retryAfterSeconds()))));
    }
    CompletableFuture<AccessPolicy.Authorized> authorization =
        access.authorize(route.get(), request.method(), request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (resource == Resource.WEBSOCKET) {
      // needs no token; the upgrade answers by itself; a refusal comes back as an ordinary answer
      return webSockets.upgrade(ctx, request.retain(), route.get().token()).thenApply(refusal -> refusal
          .map(r -> ApiResponse.error(r.status(), r.error()))
          .orElse(null));
    }
    byte[] bytes = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), bytes);
    // what serving needs, copied: the request is released when this returns, maybe before authorization is
    Served served = new Served(route.get(), request.method(), request.uri(),
        new RequestBody(bytes, request.headers().get(HttpHeaderNames.CONTENT_TYPE)), accepted.get());
    if (authorization.isDone()) {
      // no token needed, or one verified lately: served here and now (a refusal throws, answered by process)
      return serve(ctx, served, authorization.join());
    }
    // verified on the CPU executor: served back on this connection's event loop
    return authorization.thenComposeAsync(authorized -> serve(ctx, served, authorized), ctx.executor());
  }

  /** A request ready to serve once authorized, independent of its released buffer. */
  private record Served(Route route, HttpMethod method, String uri, RequestBody body, MediaFormat format) {}

  /** The resource's answer to an authorized request; on this connection's event loop. */
  private CompletableFuture<ApiResponse> serve(ChannelHandlerContext ctx, Served request,
      AccessPolicy.Authorized authorized) {
    assert ctx.executor().inEventLoop() : "serving off the event loop, on " + Thread.currentThread().getName();
    Route route = request.route();
    try {
      return switch (route.resource()) {
        case CALLBACK -> ingress.post(route.token(), request.body());
        case LONG_POLL -> longPolls.poll(ctx, route.token(), request.uri(), request.body(), request.format());
        case MOVIES, MOVIE, MOVIE_SUBSCRIPTIONS, MOVIE_SUBSCRIPTION ->
            movies.handle(authorized.route(), request.method(), request.uri(), request.body(), request.format());
        default -> channels.handle(authorized.route(), request.method(), request.body(), authorized.principal());
      };
    } catch (InvalidBodyException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void finish(ChannelHandlerContext ctx, MediaFormat format, boolean keepAlive, ApiResponse response,
      Throwable failure) {
    if (failure == null && response == null) {
      // upgraded to a WebSocket (this handler is gone) or the long-polling client went away
      releaseQueued();
      return;
    }
    ApiResponse answer = failure == null ? response : toResponse(ctx, failure);
    FullHttpResponse http = encoder.encode(answer, format, ctx.alloc());
    long nanos = System.nanoTime() - started;
    metrics.request(routeLabel, answer.status().code(), nanos);
    if (accessLogOn) {
      accessLog.info("{} \"{}\" {} {} {}ms", ctx.channel().remoteAddress(), requestLine, answer.status().code(),
          http.content().readableBytes(), nanos / 1_000_000);
    }
    HttpUtil.setKeepAlive(http, keepAlive);
    ctx.writeAndFlush(http);
    busy = false;
    FullHttpRequest next = queued.poll();
    if (next != null) {
      process(ctx, next);
    } else if (ctx.channel().isActive() && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** The answer to a failed request: expected refusals map to their spec error; anything else is a 500. */
  private static ApiResponse toResponse(ChannelHandlerContext ctx, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof RequestRejectedException rejected) {
      return ApiResponse.error(rejected.error());
    }
    if (cause instanceof InvalidBodyException invalid) {
      return ApiResponse.error(invalid.error());
    }
    if (cause instanceof HttpStatusException status) {
      return status.response();
    }
    if (cause instanceof AuthenticationException unauthenticated) {
      // RFC 6750: no error code when no token was presented at all
      String challenge = unauthenticated.tokenPresented()
          ? "Bearer realm=\"pushgate\", error=\"invalid_token\", error_description=\"" + unauthenticated.getMessage() + "\""
          : "Bearer realm=\"pushgate\"";
      return new ApiResponse(HttpResponseStatus.UNAUTHORIZED,
          ServiceException.serviceError("unauthorized: " + unauthenticated.getMessage()),
          Map.of(HttpHeaderNames.WWW_AUTHENTICATE, challenge));
    }
    if (cause instanceof AccessPolicy.AccessDeniedException denied) {
      Map<CharSequence, String> headers = denied.scopes() == null ? Map.of()
          : Map.of(HttpHeaderNames.WWW_AUTHENTICATE,
              "Bearer realm=\"pushgate\", error=\"insufficient_scope\", scope=\"" + denied.scopes() + "\"");
      return new ApiResponse(HttpResponseStatus.FORBIDDEN, denied.error(), headers);
    }
    if (cause instanceof ChannelGoneException) {
      return ApiResponse.error(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput("callbackURL"));
    }
    if (cause instanceof ServerBusyException) {
      // a full queue in front of the database or the CPU executor
      return new ApiResponse(HttpResponseStatus.SERVICE_UNAVAILABLE,
          ServiceException.serviceError("server busy, retry later"), Map.of(HttpHeaderNames.RETRY_AFTER, "1"));
    }
    log.error("request on {} failed unexpectedly", ctx.channel().remoteAddress(), cause);
    return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ServiceException.serviceError("internal error"));
  }

  /** The REST API is rate limited per client address and per token; capability URLs have their own bounds. */
  private boolean withinRate(ChannelHandlerContext ctx, Resource resource, FullHttpRequest request) {
    if (resource == Resource.CALLBACK || resource == Resource.LONG_POLL || resource == Resource.WEBSOCKET) {
      return true;
    }
    String address = ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress socket
        ? "a:" + socket.getAddress().getHostAddress() : "a:?";
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    // keyed by a fingerprint: an unverified header of up to 16 KB is neither kept nor sized into memory
    return authorization == null ? rateLimiter.tryAcquire(address)
        : rateLimiter.tryAcquire(address, TokenFingerprint.rateKey(authorization));
  }

  /** The path without its capability token: a callbackURL or channelURL is a secret, never logged. */
  static String redacted(String path) {
    return CAPABILITY.matcher(path).replaceFirst("/$1/…");
  }

  private static CompletableFuture<ApiResponse> done(ApiResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private void releaseQueued() {
    FullHttpRequest request;
    while ((request = queued.poll()) != null) {
      ReferenceCountUtil.release(request);
    }
  }
}

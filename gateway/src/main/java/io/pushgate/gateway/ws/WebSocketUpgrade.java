package io.pushgate.gateway.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.ResumePoint;
import io.pushgate.gateway.http.PipelineNames;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.ChannelType;
import io.pushgate.model.RequestError;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The opening handshake on a WebSockets channel's channelURL (spec Appendix I): the client must offer
 * the subprotocol {@value #SUBPROTOCOL} (400 otherwise), the channel must exist (404 before any
 * upgrade), then the pipeline becomes a WebSocket one ending in a {@link WebSocketSession}.
 */
@Singleton
public final class WebSocketUpgrade {
  /** The one subprotocol of the API (spec I.2). */
  public static final String SUBPROTOCOL = "notificationchannel-netapi-rest.openmobilealliance.org";
  /** Largest client message (connCheck, connAck, ncAck are tiny); larger closes with 1009. */
  static final int MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

  private final LiveChannels channels;
  private final WebSocketSessions sessions;
  private final GatewayMetrics metrics;
  private final long keepAliveMillis;

  @Inject
  WebSocketUpgrade(LiveChannels channels, WebSocketSessions sessions, GatewayMetrics metrics, GatewayConfig config) {
    this.metrics = metrics;
    this.channels = channels;
    this.sessions = sessions;
    this.keepAliveMillis = config.keepAliveInterval().toMillis();
  }

  /** Why a handshake was refused: the status and the spec error to answer with. */
  public record Refusal(HttpResponseStatus status, RequestError error) {}

  /**
   * Checks the handshake and, when the channel exists, upgrades. The request must be retained by the
   * caller; it is released here. Completes with empty once upgraded (the caller's handler is gone from
   * the pipeline), or with the refusal to answer.
   */
  public CompletableFuture<Optional<Refusal>> upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String token) {
    Optional<Refusal> refusal = check(request);
    if (refusal.isPresent()) {
      metrics.handshake(refusal.get().error().messageId().equals("SVC0003")
          ? GatewayMetrics.Handshake.no_subprotocol : GatewayMetrics.Handshake.not_websocket);
      request.release();
      return CompletableFuture.completedFuture(refusal);
    }
    // nothing more is read until the session has started (it turns reading back on)
    ctx.channel().config().setAutoRead(false);
    return channels.byChannelToken(token).handleAsync((found, failure) -> {
      try {
        if (failure != null) {
          // keep the cause (a busy database is a 503, not a 500)
          throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
        }
        if (found.isEmpty() || found.get().channel().channelType() != ChannelType.WebSockets) {
          metrics.handshake(GatewayMetrics.Handshake.not_found);
          return Optional.of(new Refusal(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput("channelURL")));
        }
        handshake(ctx, request, found.get());
        return Optional.<Refusal>empty();
      } finally {
        request.release();
      }
    }, ctx.executor());
  }

  private static Optional<Refusal> check(FullHttpRequest request) {
    if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      return Optional.of(new Refusal(HttpResponseStatus.BAD_REQUEST,
          ServiceException.serviceError("this URL only accepts a WebSocket opening handshake")));
    }
    try {
      ResumePoint.fromQuery(request.uri());
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refusal(HttpResponseStatus.BAD_REQUEST, ServiceException.invalidInput(ResumePoint.PARAMETER)));
    }
    String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
    boolean ours = List.of(offered.split(",")).stream().map(String::trim).anyMatch(SUBPROTOCOL::equals);
    if (!ours) {
      return Optional.of(new Refusal(HttpResponseStatus.BAD_REQUEST,
          ServiceException.invalidInputValue("Sec-WebSocket-Protocol", SUBPROTOCOL)));
    }
    return Optional.empty();
  }

  private void handshake(ChannelHandlerContext ctx, FullHttpRequest request, LiveChannel channel) {
    WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(MAX_CLIENT_MESSAGE_BYTES)
        .allowExtensions(false)
        .withUTF8Validator(true)
        .build();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(request.uri(), SUBPROTOCOL, decoderConfig).newHandshaker(request);
    if (handshaker == null) {
      // the 426 is the whole answer: the connection is not reused (the REST handler is waiting for no reply)
      metrics.handshake(GatewayMetrics.Handshake.not_websocket);
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      return;
    }
    Long resumePoint = ResumePoint.fromQuery(request.uri()).orElse(null); // checked before the lookup
    ChannelPipeline pipeline = ctx.pipeline();
    WebSocketSession session = sessions.create(channel, handshaker, resumePoint);
    // the REST handler and the HTTP keep-alive logic give way to the session; the handshaker itself
    // swaps the HTTP codec for the frame codec and drops the HTTP aggregator
    pipeline.remove(PipelineNames.HTTP_KEEP_ALIVE);
    pipeline.remove(PipelineNames.REQUEST_TIMEOUT); // the session's keep-alive watches the socket from now on
    pipeline.replace(PipelineNames.REST, PipelineNames.WS_SESSION, session);
    pipeline.addBefore(PipelineNames.WS_SESSION, PipelineNames.WS_AGGREGATOR,
        new WebSocketFrameAggregator(MAX_CLIENT_MESSAGE_BYTES));
    pipeline.addBefore(PipelineNames.WS_SESSION, PipelineNames.WS_IDLE,
        new IdleStateHandler(keepAliveMillis, 0, 0, TimeUnit.MILLISECONDS));
    handshaker.handshake(ctx.channel(), request).addListener(done -> {
      if (done.isSuccess()) {
        metrics.handshake(GatewayMetrics.Handshake.accepted);
        session.start();
      } else {
        metrics.handshake(GatewayMetrics.Handshake.failed);
        ctx.close();
      }
    });
  }
}

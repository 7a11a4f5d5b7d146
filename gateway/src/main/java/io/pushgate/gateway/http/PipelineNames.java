package io.pushgate.gateway.http;

/**
 * Every handler name of the public listener's pipeline, in pipeline order (head first):
 *
 * <pre>
 *   socket
 *     │
 *   connection-limit      closes a connection over --max-connections-per-address at once
 *   flush-consolidation   coalesce flushes into few syscalls
 *   tls                   only with --tls-cert/--tls-key
 *   http-codec            bytes ⇄ HTTP/1.1 messages (bounded line and header sizes)
 *   request-timeout       a whole request within --request-read-timeout (slow-loris)
 *   http-keep-alive       closes after the response when the request asked for it
 *   http-aggregator       one FullHttpRequest per request; 413 in the spec's error format beyond the limit
 *   rest                  routes to a resource and answers it
 * </pre>
 *
 * A WebSocket handshake on a channelURL turns the pipeline into (Netty's handshaker swaps the HTTP
 * codec for its frame codec, named {@code wsencoder}/{@code wsdecoder}):
 *
 * <pre>
 *   flush-consolidation
 *   wsdecoder / wsencoder RFC 6455 frames (bounded payload, UTF-8 checked)
 *   ws-aggregator         fragments into one message (bounded)
 *   ws-idle               reader-idle events for pings and connChecks
 *   ws-session            the channel's subscriber: delivers, answers connCheck, takes confirmations
 * </pre>
 *
 * The admin listener (127.0.0.1) reuses {@code http-codec}, {@code http-keep-alive} and
 * {@code http-aggregator}, then ends in {@code admin}.
 *
 * <p>Tests and later stages (the WebSocket upgrade) address handlers by these names only.
 */
public final class PipelineNames {
  public static final String CONNECTION_LIMIT = "connection-limit";
  public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
  public static final String TLS = "tls";
  public static final String REQUEST_TIMEOUT = "request-timeout";
  public static final String HTTP_CODEC = "http-codec";
  public static final String HTTP_KEEP_ALIVE = "http-keep-alive";
  public static final String HTTP_AGGREGATOR = "http-aggregator";
  public static final String REST = "rest";
  public static final String ADMIN = "admin";
  public static final String WS_AGGREGATOR = "ws-aggregator";
  public static final String WS_IDLE = "ws-idle";
  public static final String WS_SESSION = "ws-session";

  private PipelineNames() {}
}

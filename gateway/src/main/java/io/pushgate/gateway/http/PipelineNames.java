package io.pushgate.gateway.http;

/**
 * Every handler name of the public listener's pipeline, in pipeline order (head first):
 *
 * <pre>
 *   socket
 *     │
 *   flush-consolidation   coalesce flushes into few syscalls
 *   http-codec            bytes ⇄ HTTP/1.1 messages (bounded line and header sizes)
 *   http-keep-alive       closes after the response when the request asked for it
 *   http-aggregator       one FullHttpRequest per request; 413 in the spec's error format beyond the limit
 *   rest                  routes to a resource and answers it
 * </pre>
 *
 * The admin listener (127.0.0.1) reuses {@code http-codec}, {@code http-keep-alive} and
 * {@code http-aggregator}, then ends in {@code admin}.
 *
 * <p>Tests and later stages (the WebSocket upgrade) address handlers by these names only.
 */
public final class PipelineNames {
  public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
  public static final String HTTP_CODEC = "http-codec";
  public static final String HTTP_KEEP_ALIVE = "http-keep-alive";
  public static final String HTTP_AGGREGATOR = "http-aggregator";
  public static final String REST = "rest";
  public static final String ADMIN = "admin";

  private PipelineNames() {}
}

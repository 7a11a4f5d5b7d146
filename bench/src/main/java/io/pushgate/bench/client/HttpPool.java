package io.pushgate.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of pipelining HTTP/1.1 connections to one host, with a bound on the requests in flight:
 * {@code connections × depth}. The gateway answers pipelined requests in order and closes a connection
 * that queues more than 16 behind a slow one, so {@code depth} stays well below that.
 *
 * <p>Back-pressure policy: a caller that finds every slot taken <em>blocks</em> in {@link #acquire()}
 * until an answer frees one. That keeps memory bounded, and a paced sender stamps notifications with
 * their intended send time, so the wait shows up in the latency instead of being hidden. Callers must
 * therefore never be event loop threads.
 */
public final class HttpPool implements AutoCloseable {
  private final String hostHeader;
  private final HttpConnection[] connections;
  private final Semaphore slots;
  private final int capacity;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param transport the event loops and socket options
   * @param remote the gateway's address
   * @param connections how many connections (opened on first use)
   * @param depth requests in flight per connection
   */
  public HttpPool(ClientTransport transport, InetSocketAddress remote, int connections, int depth) {
    if (connections < 1 || depth < 1) {
      throw new IllegalArgumentException("connections and depth must be at least 1");
    }
    this.hostHeader = remote.getHostString() + ":" + remote.getPort();
    this.connections = new HttpConnection[connections];
    for (int i = 0; i < connections; i++) {
      this.connections[i] = new HttpConnection(transport, remote);
    }
    this.capacity = connections * depth;
    this.slots = new Semaphore(capacity);
  }

  /** Blocks until a request slot is free; pair with {@link #release()}. Never call on an event loop. */
  public void acquire() throws InterruptedException {
    slots.acquire();
  }

  /** Frees a slot taken by {@link #acquire()}. */
  public void release() {
    slots.release();
  }

  /** Waits until no request is in flight, up to {@code timeoutMillis}; true when idle. */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    if (!slots.tryAcquire(capacity, timeoutMillis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    slots.release(capacity);
    return true;
  }

  /**
   * Sends one request under a slot the caller holds (the slot is not released here, so a retry can
   * reuse it). The connection with the fewest requests in flight carries it (see {@link #leastLoaded()}).
   *
   * @param method the method
   * @param pathAndQuery e.g. {@code /callbacks/abc}
   * @param body the body, or null for none
   * @param authorization the {@code Authorization} header, or null for none
   * @return the answer; fails with an IOException when the connection breaks first
   */
  public CompletableFuture<HttpResult> send(HttpMethod method, String pathAndQuery, byte[] body, String authorization) {
    HttpConnection connection = leastLoaded();
    connection.reserve();
    return connection.send(() -> build(method, pathAndQuery, body, authorization));
  }

  /** {@link #acquire()}, {@link #send}, and {@link #release()} once answered. */
  public CompletableFuture<HttpResult> request(HttpMethod method, String pathAndQuery, byte[] body,
      String authorization) throws InterruptedException {
    acquire();
    CompletableFuture<HttpResult> result;
    try {
      result = send(method, pathAndQuery, body, authorization);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    return result.whenComplete((r, e) -> release());
  }

  /**
   * The connection with the fewest requests in flight, searched from a rotating start: every
   * connection keeps carrying requests, so none sits idle long enough for the server's keep-alive
   * timeout to close it just as a request is written (which a first-fit search caused at low rates).
   */
  private HttpConnection leastLoaded() {
    int start = Math.floorMod(next.getAndIncrement(), connections.length);
    HttpConnection best = connections[start];
    for (int k = 1; k < connections.length && best.inFlight() > 0; k++) {
      HttpConnection candidate = connections[(start + k) % connections.length];
      if (candidate.inFlight() < best.inFlight()) {
        best = candidate;
      }
    }
    return best;
  }

  private FullHttpRequest build(HttpMethod method, String pathAndQuery, byte[] body, String authorization) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery,
        body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    request.headers()
        .set(HttpHeaderNames.HOST, hostHeader)
        .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
    if (body != null) {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    if (authorization != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
    }
    return request;
  }

  /** Closes every connection; requests still in flight fail. */
  @Override
  public void close() {
    for (HttpConnection c : connections) {
      c.close();
    }
  }
}

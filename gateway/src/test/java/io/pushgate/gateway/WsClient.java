package io.pushgate.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) for tests: collects text messages, records the close. */
public final class WsClient implements AutoCloseable {
  public static final String SUBPROTOCOL = "notificationchannel-netapi-rest.openmobilealliance.org";

  private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final CompletableFuture<String> closeReason = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(String url, String... subprotocols) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (subprotocols.length > 0) {
      builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    this.socket = builder.buildAsync(URI.create(url), new Collector()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Connects with the API's subprotocol; throws the handshake failure if refused. */
  public static WsClient connect(String url) {
    return connectWith(url, SUBPROTOCOL);
  }

  public static WsClient connectWith(String url, String... subprotocols) {
    try {
      return new WsClient(url, subprotocols);
    } catch (CompletionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        throw new Refused(refused.getResponse().statusCode());
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** The server refused the opening handshake with this HTTP status. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status) {
      super("handshake refused with " + status);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  /** The next message, waiting up to {@code timeout}; fails the test when none comes. */
  public String next(Duration timeout) {
    try {
      String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no message within " + timeout);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A message if one arrives within {@code timeout}, else null (to check that nothing comes). */
  public String poll(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** One fragment of a message; {@code last} ends it. */
  public void sendPartial(String text, boolean last) {
    socket.sendText(text, last).join();
  }

  /** The close code the server sent, waiting up to {@code timeout}. */
  public int closeCode(Duration timeout) {
    return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public String closeReason() {
    return closeReason.getNow(null);
  }

  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** Drops the TCP connection without a closing handshake (a client that vanishes). */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason.complete(reason);
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.complete(-1);
    }
  }
}

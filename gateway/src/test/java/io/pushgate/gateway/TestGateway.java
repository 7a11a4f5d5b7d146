package io.pushgate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway started exactly as {@code Main} starts it (flags parsed by the same command line), on the
 * embedded PostgreSQL in a test directory, plus a small HTTP client for real-socket tests.
 */
public final class TestGateway implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final GatewayComponent component;
  private final int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private TestGateway(GatewayComponent component, int port) {
    this.component = component;
    this.port = port;
  }

  /** Starts on free ports with {@code dataDir}; {@code extraArgs} are more flags. */
  public static TestGateway start(Path dataDir, String... extraArgs) {
    return start(dataDir, freePort(), extraArgs);
  }

  public static TestGateway start(Path dataDir, int port, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(
        "--host", "127.0.0.1",
        "--port", Integer.toString(port),
        "--admin-port", Integer.toString(freePort()),
        "--data-dir", dataDir.toString(),
        "--db-pool-size", "4",
        "--event-loop-threads", "2"));
    args.addAll(List.of(extraArgs));
    GatewayComponent component = Main.component(args.toArray(String[]::new));
    component.gateway().start();
    return new TestGateway(component, port);
  }

  public int port() {
    return port;
  }

  /** The running gateway's object graph, for tests that look inside. */
  public GatewayComponent component() {
    return component;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** {@code {base}/notificationchannel/v1}. */
  public String api() {
    return baseUrl() + "/notificationchannel/v1";
  }

  /** Sends a request; {@code body} may be null, {@code headers} are name/value pairs. */
  public HttpResponse<String> send(String method, String url, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String url) {
    return send("GET", url, null, "Accept", "application/json");
  }

  public HttpResponse<String> postJson(String url, String json) {
    return send("POST", url, json, "Content-Type", "application/json", "Accept", "application/json");
  }

  public HttpResponse<String> putJson(String url, String json) {
    return send("PUT", url, json, "Content-Type", "application/json", "Accept", "application/json");
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    component.gateway().close();
  }
}

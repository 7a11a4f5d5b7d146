package io.pushgate.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
public final class TestGateway implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** Where {@link #freePort()} draws from: above the ports services usually own. */
  private static final int FIRST_PROBED_PORT = 10_000;
  /** Ports handed out in this JVM: never twice, so two draws for one gateway cannot coincide. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private GatewayComponent component;
  private int port;
  private Path dataDir;
  private final String[] perClassArgs;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private TestGateway(GatewayComponent component, int port, Path dataDir) {
    this.component = component;
    this.port = port;
    this.dataDir = dataDir;
    this.perClassArgs = null;
  }

  private TestGateway(String[] perClassArgs) {
    this.perClassArgs = perClassArgs;
  }

  /**
   * One gateway per test class, on its own embedded PostgreSQL in a fresh directory, started before
   * the class and stopped after it:
   * {@code @RegisterExtension static final TestGateway gateway = TestGateway.perClass("--flag", "value");}
   */
  public static TestGateway perClass(String... args) {
    return new TestGateway(args);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("pushgate-test-");
    TestGateway started = start(dataDir, perClassArgs);
    component = started.component;
    port = started.port;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (component != null) {
      close();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** The data directory (for extra gateways or files a test makes beside it). */
  public Path dataDir() {
    return dataDir;
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
    if (!List.of(extraArgs).contains("--auth")) {
      // functional tests act without tokens; SecurityTest runs with --auth jwt
      args.addAll(List.of("--auth", "none"));
    }
    args.addAll(List.of(extraArgs));
    GatewayComponent component = Main.component(args.toArray(String[]::new));
    component.gateway().start();
    return new TestGateway(component, port, dataDir);
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

  /**
   * A request over a bare socket bound to {@code sourceAddress} (127.0.0.x: another client, as far as
   * per-address limits go); {@code extraHeaders} are whole header lines. Returns the whole answer.
   */
  public String requestFrom(String sourceAddress, String method, String url, String json, String... extraHeaders) {
    URI uri = URI.create(url);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(sourceAddress), 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", uri.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      byte[] body = json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
      for (String header : extraHeaders) {
        head.append(header).append("\r\n");
      }
      socket.getOutputStream().write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<String> putJson(String url, String json) {
    return send("PUT", url, json, "Content-Type", "application/json", "Accept", "application/json");
  }

  /**
   * A loopback port free right now and below the kernel's ephemeral range. A port from that range
   * (what {@code bind(0)} hands out) may be taken, between this probe and the gateway's bind, as the
   * local port of an outgoing connection, such as the gateway's own pool connections to the embedded
   * PostgreSQL it starts before binding: CI once failed on exactly that ("Address already in use").
   * A port below the range is only taken by a process that binds it on purpose.
   * Kept in step with its twin for the harness, bench's {@code ChildProcesses.freePort()}: another
   * module's main code, which this test code cannot share.
   */
  public static int freePort() {
    int below = ephemeralRangeStart();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(FIRST_PROBED_PORT, below);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in " + FIRST_PROBED_PORT + ".." + (below - 1) + " after 200 tries");
  }

  /**
   * The first port of {@code net.ipv4.ip_local_port_range}; 32768 (Linux's default) if it cannot be
   * read or starts too low to leave room below it, and then a drawn port may be an ephemeral one.
   */
  private static int ephemeralRangeStart() {
    try {
      int start = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
      return start > FIRST_PROBED_PORT + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }

  @Override
  public void close() {
    component.gateway().close();
  }
}

package io.pushgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** https and wss end to end with the certificate scripts/dev-cert makes. */
@Timeout(90)
class TlsTest {
  @TempDir
  Path dir;

  @Test
  void testSuccess_wssEndToEndWithTheDevCertificate() throws Exception {
    Path tls = dir.resolve("tls");
    Process devCert = new ProcessBuilder(Path.of("..", "scripts", "dev-cert").toAbsolutePath().normalize().toString(),
        tls.toString()).redirectErrorStream(true).start();
    assertTrue(devCert.waitFor(30, TimeUnit.SECONDS) && devCert.exitValue() == 0,
        new String(devCert.getInputStream().readAllBytes()));
    Path cert = tls.resolve("cert.pem");
    Path key = tls.resolve("key.pem");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

    try (TestGateway gateway = TestGateway.start(dir.resolve("data"), "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      String base = "https://localhost:" + gateway.port();
      HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/notificationchannel/v1/tls-user/channels"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());
      JsonNode channel = Json.parse(created.body()).get("notificationChannel");
      String channelUrl = channel.get("channelData").get("channelURL").asText();
      String callback = channel.get("callbackURL").asText();
      assertTrue(channelUrl.startsWith("wss://localhost:" + gateway.port() + "/ws/"), "the public URL follows TLS: " + channelUrl);
      assertTrue(callback.startsWith(base + "/callbacks/"), callback);

      LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
      WebSocket socket = client.newWebSocketBuilder().subprotocols(WsClient.SUBPROTOCOL)
          .buildAsync(URI.create(channelUrl), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              messages.add(data.toString());
              ws.request(1);
              return null;
            }
          }).get(10, TimeUnit.SECONDS);
      HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(callback))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"secureNotification\": {\"n\": 1}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(204, posted.statusCode());
      String frame = messages.poll(10, TimeUnit.SECONDS);
      assertTrue(frame != null && frame.contains("\"secureNotification\""), String.valueOf(frame));
      socket.abort();

      // plain HTTP on the TLS port gets nowhere, and a client that does not trust the certificate is refused
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + gateway.port() + "/movies/v1/movies")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()));
      assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create(base + "/movies/v1/movies"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("dev", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}

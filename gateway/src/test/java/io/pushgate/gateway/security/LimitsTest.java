package io.pushgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each limit holds over a real socket, and the gateway keeps serving other clients meanwhile. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class LimitsTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--max-channels-per-user", "3",
      "--max-subscriptions-per-user", "2", "--max-connections-per-address", "40", "--requests-per-second", "20",
      "--request-read-timeout", "600", "--max-request-bytes", "8192");


  /** Another client, from another loopback address, still gets served. */
  private void othersAreServed() throws IOException {
    try (Socket other = new Socket()) {
      other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      other.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
      other.setSoTimeout(10_000);
      other.getOutputStream().write("GET /movies/v1/movies/glass-harbor HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }
  }

  @Test
  void testChannelsAndSubscriptionsPerUser() {
    for (int i = 0; i < 3; i++) {
      assertEquals(201, gateway.postJson(gateway.api() + "/limited/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}").statusCode());
    }
    HttpResponse<String> fourth = gateway.postJson(gateway.api() + "/limited/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    assertEquals(403, fourth.statusCode());
    assertEquals("POL0001", Json.parse(fourth.body()).get("requestError").get("policyException").get("messageId").asText());
    String subs = gateway.baseUrl() + "/movies/v1/limited/subscriptions";
    String body = "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"http://127.0.0.1:9/x\"}}}";
    assertEquals(201, gateway.postJson(subs, body).statusCode());
    assertEquals(201, gateway.postJson(subs, body).statusCode());
    assertEquals(403, gateway.postJson(subs, body).statusCode());
  }

  /**
   * The source address of testConnectionsPerAddress, used by no other test in the suite: the
   * limit counts every connection from an address, and 127.0.0.1 also carries the test HTTP
   * client's pooled keep-alive connections, which would otherwise count against the 40.
   */
  private static final String OWN_ADDRESS = "127.0.0.5";

  private static Socket connectFromOwnAddress() throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(OWN_ADDRESS), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  @Test
  void testConnectionsPerAddress() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        sockets.add(connectFromOwnAddress());
      }
      // every one of the 40 is served...
      Socket last = sockets.get(39);
      last.getOutputStream().write("GET /movies/v1/movies/glass-harbor HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(new String(last.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
      // ...the 41st is closed at once
      try (Socket extra = connectFromOwnAddress()) {
        assertEquals(-1, extra.getInputStream().read(), "closed without an answer");
      }
      othersAreServed();
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void testRatePerAddressAndToken() throws Exception {
    // a flood from one address (its own, so the other tests here keep their budget)
    String url = gateway.api() + "/rated/channels";
    int limited = 0;
    for (int i = 0; i < 100; i++) {
      String answer = gateway.requestFrom("127.0.0.4", "GET", url, null);
      if (answer.startsWith("HTTP/1.1 429")) {
        limited++;
        assertTrue(answer.contains("retry-after: 1") && answer.contains("\"requestError\""), answer);
      }
    }
    assertTrue(limited > 0, "a flood from one address is limited");
    String metrics = gateway.get("http://127.0.0.1:" + gateway.component().gateway().adminPort() + "/metrics").body();
    java.util.regex.Matcher counted = java.util.regex.Pattern
        .compile("pushgate_refused_total\\{reason=\"rate_limit\"\\} ([0-9.]+)").matcher(metrics);
    assertTrue(counted.find() && Double.parseDouble(counted.group(1)) >= limited, "refusals are counted");
    othersAreServed();
    // the same token from fresh addresses: the token's own bucket empties too
    int tokenLimited = 0;
    for (int i = 0; i < 100; i++) {
      String answer = gateway.requestFrom("127.0.0." + (10 + i % 50), "GET", url, null, "Authorization: Bearer same-token");
      tokenLimited += answer.startsWith("HTTP/1.1 429") ? 1 : 0;
    }
    assertTrue(tokenLimited > 0, "a flood with one token is limited whatever its address");
    // capability URLs (here, an enabler's ingress) are not rate limited
    String created = gateway.requestFrom("127.0.0.3", "POST", gateway.api() + "/rated2/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    String callback = Json.parse(created.substring(created.indexOf("\r\n\r\n") + 4))
        .get("notificationChannel").get("callbackURL").asText();
    for (int i = 0; i < 100; i++) {
      assertTrue(gateway.requestFrom("127.0.0.4", "POST", callback, "{\"x\": {}}").startsWith("HTTP/1.1 204"));
    }
  }

  @Test
  void testSlowLorisIsCutOff() throws Exception {
    try (Socket loris = new Socket("127.0.0.1", gateway.port())) {
      loris.setSoTimeout(10_000);
      OutputStream out = loris.getOutputStream();
      out.write("GET /movies/v1/movies HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();
      InputStream in = loris.getInputStream();
      int read;
      try {
        // trickle a header byte at a time; the gateway must hang up well before we are done
        for (int i = 0; i < 100; i++) {
          out.write('X');
          out.flush();
          if (in.available() > 0) {
            break;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // the client's own slowness
        }
        read = in.read();
      } catch (IOException reset) {
        read = -1;
      }
      assertEquals(-1, read, "connection closed");
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "cut off after the read timeout");
      othersAreServed();
    }
  }

  @Test
  void testHostileBodiesOverARealSocket() {
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        + "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"><channelType>&lol2;</channelType></nc:notificationChannel>";
    assertEquals(400, gateway.send("POST", gateway.api() + "/hostile/channels", bomb, "Content-Type", "application/xml").statusCode());
    String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    assertEquals(400, gateway.postJson(gateway.api() + "/hostile/channels", deep).statusCode());
    assertEquals(413, gateway.postJson(gateway.api() + "/hostile/channels", "{\"x\": \"" + "y".repeat(10_000) + "\"}").statusCode());
  }

  @Test
  void testFragmentedWebSocketMessageOverTheLimitCloses1009() throws Exception {
    String channelUrl = Json.parse(gateway.postJson(gateway.api() + "/fragments/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}").body())
        .get("notificationChannel").get("channelData").get("channelURL").asText();
    try (WsClient ws = WsClient.connect(channelUrl)) {
      ws.sendPartial("{\"connCheck\": {\"checkInterval\": \"" + "1".repeat(10_000), false);
      ws.sendPartial("1".repeat(10_000) + "\"}}", true);
      assertEquals(1009, ws.closeCode(Duration.ofSeconds(10)));
    }
  }
}

package io.pushgate.gateway.ops;

import static io.pushgate.gateway.delivery.DeliveryTests.numbersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.ws.WebSocketUpgrade;
import java.io.IOException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful shutdown (what SIGTERM runs) in the middle of traffic: clients see 1001 with a hint to
 * reconnect, and every notification an enabler was answered 204 for is delivered before or after.
 */
@Timeout(120)
class ShutdownTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dataDir;

  @Test
  void testSuccess_nothingAcknowledgedIsLostAcrossAShutdown() {
    int port = TestGateway.freePort();
    ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
    List<Integer> received = new ArrayList<>();
    long resumePoint = 0;
    String channelUrl;
    TestGateway gateway = TestGateway.start(dataDir, port, "--keep-alive-interval", "60000");
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<Void>> enablers = new ArrayList<>();
    try {
      HttpResponse<String> created = gateway.postJson(gateway.api() + "/shutdown-user/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 50}}}");
      JsonNode channel = Json.parse(created.body()).get("notificationChannel");
      channelUrl = channel.get("channelData").get("channelURL").asText();
      String callback = channel.get("callbackURL").asText();
      try (WsClient ws = WsClient.connect(channelUrl)) {
        for (int e = 0; e < 3; e++) {
          int enabler = e;
          enablers.add(CompletableFuture.runAsync(() -> {
            for (int n = enabler; !stop.get(); n += 3) {
              try {
                if (gateway.postJson(callback, "{\"movieNotification\": {\"n\": " + n + "}}").statusCode() == 204) {
                  acknowledged.add(n);
                }
              } catch (UncheckedIOException closed) {
                return; // the gateway closed the connection while stopping
              }
            }
          }));
        }
        Await.until(WAIT, "traffic flowing", () -> acknowledged.size() >= 200);
        gateway.close(); // what the SIGTERM hook runs
        stop.set(true);
        enablers.forEach(CompletableFuture::join);
        assertEquals(1001, ws.closeCode(WAIT));
        assertTrue(ws.closeReason().contains("reconnect"), ws.closeReason());
        // the client reads the close frame after every frame sent before it, so with the close code
        // known, everything delivered before the shutdown is already queued: take it without waiting
        String frame;
        try {
          while ((frame = ws.poll(Duration.ZERO)) != null) {
            received.addAll(numbersOf(frame));
            resumePoint = Long.parseLong(Json.parse(frame).get("ncResumePoint").asText());
          }
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    } finally {
      stop.set(true);
      gateway.close();
    }

    Set<Integer> promised = new HashSet<>(acknowledged);
    try (TestGateway restarted = TestGateway.start(dataDir, port);
         WsClient ws = WsClient.connect(channelUrl + "?resumePoint=" + resumePoint)) {
      Set<Integer> all = new HashSet<>(received);
      while (!all.containsAll(promised)) {
        List<Integer> batch = numbersOf(ws.next(WAIT));
        for (Integer n : batch) {
          assertTrue(all.add(n), "delivered twice: " + n);
        }
      }
    }
  }

  /**
   * A client that has not read what was sent to it still gets its close frame, behind those frames:
   * the shutdown waits for it to be written before stopping the event loops (which would close the
   * connection with the frame still queued, and the client would see 1006, no close frame at all).
   */
  @Test
  void testSuccess_aSlowReaderStillGetsItsCloseFrame() throws Exception {
    TestGateway gateway = TestGateway.start(dataDir, "--keep-alive-interval", "60000");
    Thread closer = new Thread(gateway::close, "closer");
    try {
      JsonNode channel = Json.parse(gateway.postJson(gateway.api() + "/slow-user/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 50}}}")
          .body()).get("notificationChannel");
      URI channelUrl = URI.create(channel.get("channelData").get("channelURL").asText());
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(2048); // before connecting: a small window, so the gateway's writes back up
        socket.connect(new InetSocketAddress("127.0.0.1", channelUrl.getPort()), 5_000);
        socket.setSoTimeout((int) WAIT.toMillis());
        RawWebSocket ws = new RawWebSocket(socket, channelUrl.getRawPath());
        // 6.4 MB for a client that reads nothing yet: far more than the two sockets' buffers hold
        String body = "{\"notificationList\": [" + String.join(",",
            java.util.Collections.nCopies(50, "{\"movieNotification\": {\"text\": \"" + "x".repeat(8_000) + "\"}}")) + "]}";
        for (int i = 0; i < 16; i++) {
          assertEquals(204, gateway.postJson(channel.get("callbackURL").asText(), body).statusCode());
        }
        closer.start();
        // read only once the gateway has done all it can without this client: the old shutdown
        // went on to stop the event loops here; this one waits for the close frame to be written
        Await.until(WAIT, "the shutdown waits for the close frame, or is over",
            () -> !closer.isAlive() || waitsForCloseFrames(closer));
        int code = ws.readUntilClose();
        assertEquals(1001, code, "close code after " + ws.textFrames() + " text frames");
        assertTrue(ws.textFrames() > 0, "the frames sent before the close frame came first");
      }
      closer.join(WAIT.toMillis());
      assertFalse(closer.isAlive(), "the shutdown finished once the close frame was written");
    } finally {
      if (!closer.isAlive()) {
        gateway.close(); // idempotent; stops it if the closer never started
      }
    }
  }

  /**
   * Whether {@code closer} is in the shutdown step that waits for the subscribers' last words
   * ({@code Gateway.awaitGoodbyes}). Were that step renamed, this would never hold; the closer would
   * finish at the shutdown timeout with the close frame unwritten, and the test would fail, not pass.
   */
  private static boolean waitsForCloseFrames(Thread closer) {
    return closer.getState() == Thread.State.TIMED_WAITING && Arrays.stream(closer.getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("awaitGoodbyes"));
  }

  /** A WebSocket client on a bare socket: it reads only when asked, and reports the close code it got. */
  private static final class RawWebSocket {
    private final DataInputStream in;
    private int textFrames;

    RawWebSocket(Socket socket, String path) throws IOException {
      byte[] key = new byte[16];
      new java.security.SecureRandom().nextBytes(key);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + WebSocketUpgrade.SUBPROTOCOL
          + "\r\nSec-WebSocket-Key: "
          + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      this.in = new DataInputStream(socket.getInputStream());
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.readUnsignedByte());
      }
      assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    }

    /** Reads frames until the close frame; its status code, or -1 when the connection ended without one. */
    int readUntilClose() throws IOException {
      try {
        return readFramesUntilClose();
      } catch (EOFException | SocketException ended) {
        return -1;
      }
    }

    private int readFramesUntilClose() throws IOException {
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0F;
        long length = in.readUnsignedByte() & 0x7F; // a server's frames are not masked
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (opcode == 0x8) {
          return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
        if (opcode == 0x1) {
          textFrames++;
        }
      }
    }

    int textFrames() {
      return textFrames;
    }
  }
}

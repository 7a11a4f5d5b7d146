package io.pushgate.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pushgate.bench.metrics.LoadMetrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A subscriber whose connection the server drops counts it and reconnects, resuming after the last
 * list it read (ReconnectingSubscriber), against a plain HTTP server on loopback.
 */
@Timeout(30)
class LongPollReconnectTest {
  private final BlockingQueue<String> requestLines = new LinkedBlockingQueue<>();

  @Test
  void aDroppedConnectionIsCountedAndReopenedFromTheLastListRead() throws Exception {
    LoadMetrics metrics = new LoadMetrics();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         ClientTransport transport = new ClientTransport(1, SourceAddresses.none())) {
      Thread serving = new Thread(() -> serve(server));
      serving.setDaemon(true);
      serving.start();
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/notificationchannel/v1/u/channels/c/poll");
      LongPollChannel poll = new LongPollChannel(uri, transport, metrics, new FrameParser(), new FrameListener() {
        @Override
        public void stamped(long channel, long seq, long sentAtNanos) {}

        @Override
        public void movie(String premiereDate) {}

        @Override
        public void unrecognised() {}
      }, new SocketOptions(64 * 1024, 0, 1, 5_000));
      poll.open().get(10, TimeUnit.SECONDS);

      assertEquals("POST /notificationchannel/v1/u/channels/c/poll HTTP/1.1", next());
      assertEquals("POST /notificationchannel/v1/u/channels/c/poll?resumePoint=5 HTTP/1.1", next()); // then dropped
      // the new connection's first poll confirms the list read on the old one
      assertEquals("POST /notificationchannel/v1/u/channels/c/poll?resumePoint=5 HTTP/1.1", next());
      assertEquals(Map.of("poll-dropped", 1L), metrics.errors().snapshot());
      poll.close();
    }
  }

  private String next() throws InterruptedException {
    String line = requestLines.poll(10, TimeUnit.SECONDS);
    assertNotNull(line, "no poll within 10 s");
    return line;
  }

  /** First connection: one list with resume point 5, then the next poll is read and the connection dropped. */
  private void serve(ServerSocket server) {
    try (Socket first = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII));
      requestLines.add(readRequest(in));
      byte[] body = "{\"notificationList\":[],\"ncResumePoint\":\"5\"}".getBytes(StandardCharsets.US_ASCII);
      OutputStream out = first.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      requestLines.add(readRequest(in));
    } catch (Exception e) {
      requestLines.add("server failed: " + e);
      return;
    }
    try (Socket second = server.accept()) { // held open, unanswered, until the test ends
      requestLines.add(readRequest(new BufferedReader(
          new InputStreamReader(second.getInputStream(), StandardCharsets.US_ASCII))));
      second.getInputStream().read(); // blocks until the client closes
    } catch (Exception e) {
      // the test closed the client, or ended
    }
  }

  /** The request line of a bodiless request, its headers read past. */
  private static String readRequest(BufferedReader in) throws Exception {
    String requestLine = in.readLine();
    for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
      // skip
    }
    return requestLine;
  }
}

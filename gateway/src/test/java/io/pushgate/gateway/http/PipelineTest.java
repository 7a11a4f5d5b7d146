package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.GatewayConfigs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public pipeline exactly as production builds it (from the Dagger graph), on an EmbeddedChannel.
 * Only answers that need no database: those are decided before any query runs.
 */
class PipelineTest {
  private EmbeddedChannel channel;
  private GatewayComponent component;

  @BeforeEach
  void setUp() {
    component = GatewayComponent.create(GatewayConfigs.defaults());
    channel = new EmbeddedChannel(component.httpChannelInitializer());
    GatewayConfigs.markServing(component);
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  private void send(String raw) {
    channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
    channel.runPendingTasks();
  }

  /** Everything written so far, as text. */
  private String output() {
    StringBuilder text = new StringBuilder();
    Object message;
    while ((message = channel.readOutbound()) != null) {
      ByteBuf buffer = (ByteBuf) message;
      try {
        text.append(buffer.toString(StandardCharsets.UTF_8));
      } finally {
        buffer.release();
      }
    }
    return text.toString();
  }

  private static List<String> statusLines(String output) {
    // a body has no trailing line break, so the next status line may follow it on the same line
    List<String> lines = new ArrayList<>();
    Matcher matcher = Pattern.compile("HTTP/1\\.1 \\d{3} [^\r\n]*").matcher(output);
    while (matcher.find()) {
      lines.add(matcher.group());
    }
    return lines;
  }

  @Test
  void testHandlerNamesAndOrder() {
    assertEquals(List.of(PipelineNames.CONNECTION_LIMIT, PipelineNames.FLUSH_CONSOLIDATION, PipelineNames.HTTP_CODEC,
        PipelineNames.REQUEST_TIMEOUT, PipelineNames.HTTP_KEEP_ALIVE, PipelineNames.HTTP_AGGREGATOR, PipelineNames.REST),
        channel.pipeline().names().subList(0, 7));
  }

  @Test
  void testFailure_notServingAnswers503() {
    // a graph built but not started (or shutting down) does not serve
    GatewayComponent stopped = GatewayComponent.create(GatewayConfigs.defaults());
    EmbeddedChannel other = new EmbeddedChannel(stopped.httpChannelInitializer());
    try {
      other.writeInbound(Unpooled.copiedBuffer("GET /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\n\r\n",
          StandardCharsets.UTF_8));
      other.runPendingTasks();
      StringBuilder text = new StringBuilder();
      Object message;
      while ((message = other.readOutbound()) != null) {
        text.append(((ByteBuf) message).toString(StandardCharsets.UTF_8));
        ((ByteBuf) message).release();
      }
      assertEquals(List.of("HTTP/1.1 503 Service Unavailable"), statusLines(text.toString()), text.toString());
      assertTrue(text.toString().contains("retry-after: 1"), text.toString());
    } finally {
      other.finishAndReleaseAll();
    }
  }

  @Test
  void testPipelinedRequestsAnsweredInOrder() {
    send("PUT /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
        + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
        + "DELETE /notificationchannel/v1/u/channels/c/channelLifetime HTTP/1.1\r\nHost: x\r\n\r\n");
    String output = output();
    assertEquals(List.of("HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 404 Not Found", "HTTP/1.1 405 Method Not Allowed"),
        statusLines(output), output);
    assertTrue(output.contains("allow: GET, POST"), output);
    assertTrue(output.contains("allow: GET, PUT"), output);
    assertTrue(channel.isOpen(), "keep-alive connection stays open");
  }

  @Test
  void testFailure_unsupportedChannelTypeNeedsNoDatabase() {
    String body = "{\"notificationChannel\": {\"channelType\": \"OMAPush\"}}";
    send("POST /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body);
    String output = output();
    assertEquals(List.of("HTTP/1.1 403 Forbidden"), statusLines(output), output);
    assertTrue(output.contains("\"messageId\":\"POL1023\""), output);
  }

  @Test
  void testFailure_unsupportedMediaType() {
    send("POST /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 2\r\n\r\nhi");
    String output = output();
    assertEquals(List.of("HTTP/1.1 415 Unsupported Media Type"), statusLines(output), output);
    assertTrue(output.contains("\"requestError\""), output);
  }

  @Test
  void testFailure_oversizedBodyGets413InTheSpecFormatAndCloses() {
    send("POST /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 10000000\r\n\r\n{");
    String output = output();
    assertEquals(List.of("HTTP/1.1 413 Request Entity Too Large"), statusLines(output), output);
    assertTrue(output.contains("\"messageId\":\"SVC0001\""), output);
    assertFalse(channel.isOpen());
  }

  @Test
  void testFailure_malformedRequestLine() {
    send("THIS IS NOT HTTP\r\n\r\n");
    String output = output();
    assertEquals(List.of("HTTP/1.1 400 Bad Request"), statusLines(output), output);
    assertTrue(output.contains("malformed HTTP request"), output);
  }

  @Test
  void testFailure_headersTooLarge() {
    send("GET /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    String output = output();
    assertEquals(List.of("HTTP/1.1 400 Bad Request"), statusLines(output), output);
  }

  @Test
  void testFailure_notAcceptable() {
    send("PUT /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nContent-Length: 0\r\n\r\n"
        + "GET /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nAccept: image/png\r\n\r\n");
    String output = output();
    assertEquals(List.of("HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 406 Not Acceptable"), statusLines(output), output);
    assertTrue(output.contains("<common:requestError"), "405 body in XML as accepted: " + output);
  }
}

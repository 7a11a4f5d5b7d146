package io.pushgate.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {
  private final FrameParser parser = new FrameParser();

  /** Writes down every callback in order. */
  private static final class Recorder implements FrameListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void stamped(long channel, long seq, long sentAtNanos) {
      events.add("stamp " + channel + "/" + seq + "@" + sentAtNanos);
    }

    @Override
    public void movie(String premiereDate) {
      events.add("movie " + premiereDate);
    }

    @Override
    public void unrecognised() {
      events.add("unrecognised");
    }

    @Override
    public void resumePoint(long resumePoint) {
      events.add("resume " + resumePoint);
    }

    @Override
    public void connCheck() {
      events.add("connCheck");
    }

    @Override
    public void other(String root) {
      events.add("other " + root);
    }
  }

  private List<String> parse(String frame) throws IOException {
    Recorder recorder = new Recorder();
    byte[] bytes = ("xx" + frame).getBytes(StandardCharsets.UTF_8); // an offset, as in a pooled buffer
    parser.parse(bytes, 2, bytes.length - 2, recorder);
    return recorder.events;
  }

  @Test
  void readsTheStampsOfAListTheGatewayBuiltFromOurBodies() throws IOException {
    byte[] body = BenchNotification.body(3, 10, 2, 777, 200);
    String list = new String(body, StandardCharsets.US_ASCII).replace("{\"notificationList\":[", "")
        .replaceAll("]}$", "");
    String frame = "{\"notificationList\":[" + list + "],\"ncResumePoint\":\"42\"}";
    assertEquals(List.of("stamp 3/10@777", "stamp 3/11@777", "resume 42"), parse(frame));
  }

  @Test
  void readsAMovieNotification() throws IOException {
    String frame = "{\"notificationList\":[{\"movieNotification\":{\"callbackData\":\"bench-1\",\"changeType\":\"Updated\","
        + "\"movie\":{\"movieId\":\"m\",\"title\":\"T\",\"premiereDate\":\"2100-01-03\",\"cast\":[{\"a\":1}]},"
        + "\"link\":{\"rel\":\"MovieSubscription\",\"href\":\"http://x\"}}}],\"ncResumePoint\":\"7\"}";
    assertEquals(List.of("movie 2100-01-03", "resume 7"), parse(frame));
  }

  @Test
  void aNotificationWithNeitherStampNorMovieIsUnrecognised() throws IOException {
    assertEquals(List.of("unrecognised", "unrecognised", "resume 2"),
        parse("{\"notificationList\":[{\"other\":{\"bench\":\"not an object\"}},{\"x\":1}],\"ncResumePoint\":\"2\"}"));
  }

  @Test
  void anIncompleteStampIsUnrecognised() throws IOException {
    assertEquals(List.of("unrecognised"), parse("{\"notificationList\":[{\"n\":{\"bench\":{\"c\":1,\"s\":2}}}]}"));
  }

  @Test
  void reportsConnCheckAndOtherMessages() throws IOException {
    assertEquals(List.of("connCheck"), parse("{\"connCheck\":{\"keepAlive\":\"30\",\"channelLifetime\":\"3600\"}}"));
    assertEquals(List.of("other connAck"), parse("{\"connAck\":{\"channelLifetime\":\"3600\"}}"));
    assertEquals(List.of(), parse("{\"notificationList\":null}"));
  }

  @Test
  void refusesWhatIsNotAJsonObject() {
    assertThrows(IOException.class, () -> parse("[1,2]"));
    assertThrows(IOException.class, () -> parse("{\"notificationList\":[{\"a\":"));
    assertThrows(IOException.class, () -> parse("{\"ncResumePoint\":\"abc\"}"));
  }

  private List<String> parseOne(String message) throws IOException {
    Recorder recorder = new Recorder();
    byte[] bytes = ("xx" + message).getBytes(StandardCharsets.UTF_8);
    parser.parseNotification(bytes, 2, bytes.length - 2, recorder);
    return recorder.events;
  }

  @Test
  void aMessageThatIsOneNotificationIsReadAsExactlyOne() throws IOException {
    // what Nchan relays: the very body the harness posted
    String body = new String(BenchNotification.body(5, 9, 1, 1234, 256), StandardCharsets.US_ASCII);
    assertEquals(List.of("stamp 5/9@1234"), parseOne(body));
  }

  @Test
  void aListOrAConnCheckInOneNotificationMessageIsNotANotification() throws IOException {
    // a server of that kind never sends lists or keep-alives; if one came, it is neither stamped nor answered
    String list = new String(BenchNotification.body(5, 9, 2, 1234, 256), StandardCharsets.US_ASCII);
    assertEquals(List.of("unrecognised"), parseOne(list));
    assertEquals(List.of("unrecognised"), parseOne("{\"connCheck\":{\"keepAlive\":\"30\"}}"));
  }

  @Test
  void refusesAOneNotificationMessageThatIsNotOneJsonObject() {
    assertThrows(IOException.class, () -> parseOne("[1]"));
    assertThrows(IOException.class, () -> parseOne("{\"a\":{\"bench\":{\"c\":1}}} {\"b\":1}"));
    assertThrows(IOException.class, () -> parseOne("{\"a\":"));
  }
}

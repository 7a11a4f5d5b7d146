package io.pushgate.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pushgate.bench.metrics.LoadMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message is checked to be UTF-8 before it is read, in heap and direct buffers alike. */
class MessageReaderTest {
  private final LoadMetrics metrics = new LoadMetrics();
  private final List<String> premieres = new ArrayList<>();
  private final MessageReader reader = new MessageReader(new FrameParser(), metrics, new FrameListener() {
    @Override
    public void stamped(long channel, long seq, long sentAtNanos) {}

    @Override
    public void movie(String premiereDate) {
      premieres.add(premiereDate);
    }

    @Override
    public void unrecognised() {}
  }, new MessageReader.Control() {
    @Override
    public void resumePoint(long resumePoint) {}

    @Override
    public void other(String root) {}
  });

  private static byte[] movieList(String title) {
    return ("{\"notificationList\":[{\"movieNotification\":{\"callbackData\":\"bench-1\",\"changeType\":\"Updated\","
        + "\"movie\":{\"movieId\":\"m\",\"title\":\"" + title + "\",\"premiereDate\":\"2100-01-03\"},"
        + "\"link\":{\"rel\":\"MovieSubscription\",\"href\":\"http://x\"}}}],\"ncResumePoint\":\"7\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsValidUtf8FromHeapAndDirectBuffers() {
    byte[] message = movieList("Amélie, 東京物語");
    ByteBuf direct = Unpooled.directBuffer().writeBytes(message);
    try {
      assertTrue(reader.read(Unpooled.wrappedBuffer(message), false));
      assertTrue(reader.read(direct, false));
    } finally {
      direct.release();
    }
    assertEquals(List.of("2100-01-03", "2100-01-03"), premieres);
    assertEquals(2, metrics.received());
  }

  @Test
  void refusesWhatIsNotUtf8AndCountsNothing() {
    byte[] message = movieList("Am\u00e9lie");
    int e = new String(message, StandardCharsets.ISO_8859_1).indexOf("Am") + 2; // the é's first byte, 0xC3
    message[e + 1] = (byte) 'X'; // a lead byte without its continuation byte
    assertFalse(reader.read(Unpooled.wrappedBuffer(message), false));
    byte[] overlong = movieList("A/");
    int slash = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("A/");
    overlong[slash] = (byte) 0xC0; // "/" encoded in two bytes: an overlong encoding is not UTF-8 either
    overlong[slash + 1] = (byte) 0xAF;
    assertFalse(reader.read(Unpooled.wrappedBuffer(overlong), false));
    assertEquals(List.of(), premieres);
    assertEquals(0, metrics.received());
  }
}

package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgate.model.MediaFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembled JSON notification of a fan-out is byte for byte the one the tree gives. */
class MovieNotificationJsonTest {
  private final MovieCodec codec = new MovieCodec();

  private byte[] viaTree(String callbackData, String changeType, ObjectNode movie, String href) {
    ObjectNode content = codec.object();
    MovieCodec.put(content, "callbackData", callbackData);
    MovieCodec.put(content, "changeType", changeType);
    content.set("movie", movie);
    ObjectNode link = codec.object();
    MovieCodec.put(link, "rel", "MovieSubscription");
    MovieCodec.put(link, "href", href);
    content.set("link", link);
    return codec.write(MovieCodec.NOTIFICATION, content, MediaFormat.JSON);
  }

  @Test
  void testSuccess_sameBytesAsTheTree() {
    ObjectNode movie = codec.object();
    MovieCodec.put(movie, "movieId", "m-1");
    MovieCodec.put(movie, "title", "Amélie \"Le fabuleux\" \\ destin\n\t\u0001 — 天使 😀");
    MovieCodec.put(movie, "year", 2001);
    byte[] movieJson = codec.json(movie);
    List<String> awkward = Arrays.asList(null, "", "plain", "q\"uote", "back\\slash", "line\nbreak", "ctl\u0001\u001f",
        "</script>", "non-ASCII é 天 😀", "slash/es");
    for (String callbackData : awkward) {
      String href = "http://127.0.0.1:8080/movies/v1/u%2F1/subscriptions/s-" + callbackData;
      byte[] expected = viaTree(callbackData, "UPDATED", movie, href);
      byte[] assembled = codec.notificationJson(callbackData, "UPDATED", movieJson, href);
      assertEquals(new String(expected, StandardCharsets.UTF_8), new String(assembled, StandardCharsets.UTF_8),
          "callbackData " + callbackData);
    }
  }
}

package io.pushgate.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchNotificationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aNotificationHasExactlyTheRequestedSize() throws IOException {
    for (int bytes : new int[] {BenchNotification.minimumBytes(), 256, 1000}) {
      String doc = BenchNotification.append(new StringBuilder(), 12, 345, 6789, bytes).toString();
      assertEquals(bytes, doc.getBytes(StandardCharsets.US_ASCII).length, doc);
      JsonNode stamp = JSON.readTree(doc).path("movieNotification").path("bench");
      assertEquals(12, stamp.path("c").asLong());
      assertEquals(345, stamp.path("s").asLong());
      assertEquals(6789, stamp.path("t").asLong());
    }
  }

  @Test
  void oneNotificationIsPostedAloneAndSeveralAsAList() throws IOException {
    JsonNode single = JSON.readTree(BenchNotification.body(1, 5, 1, 9, 256));
    assertTrue(single.has("movieNotification"));

    JsonNode list = JSON.readTree(BenchNotification.body(1, 5, 3, 9, 256)).path("notificationList");
    assertEquals(3, list.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(5 + i, list.get(i).path("movieNotification").path("bench").path("s").asLong());
    }
  }
}

package io.pushgate.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers: channels, notifications posted by an "enabler", and frames read back. */
final class Channels {
  private Channels() {}

  /** A created channel's URLs. */
  record Created(String resourceUrl, String callbackUrl, String channelUrl) {
    String channelId() {
      return resourceUrl.substring(resourceUrl.lastIndexOf('/') + 1);
    }
  }

  /** Waits until a WebSocket or a poll is attached to the channel. */
  static void awaitSubscribed(TestGateway gateway, Created channel) {
    io.pushgate.gateway.Await.until(java.time.Duration.ofSeconds(10), "subscriber attached",
        () -> gateway.component().liveChannels().isSubscribed(channel.channelId()));
  }

  static Created create(TestGateway gateway, String type, int maxNotifications, String... extraMembers) {
    String user = "tel%3A%2B1" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
    String extra = extraMembers.length == 0 ? "" : ", " + String.join(", ", extraMembers);
    HttpResponse<String> response = gateway.postJson(gateway.api() + "/" + user + "/channels",
        "{\"notificationChannel\": {\"channelType\": \"" + type + "\", \"channelData\": {\"maxNotifications\": \""
            + maxNotifications + "\"}" + extra + "}}");
    assertEquals(201, response.statusCode(), response.body());
    JsonNode channel = Json.parse(response.body()).get("notificationChannel");
    return new Created(channel.get("resourceURL").asText(), channel.get("callbackURL").asText(),
        channel.get("channelData").get("channelURL").asText());
  }

  /** The body an enabler posts: a movieNotification carrying {@code n}. */
  static String movie(int n) {
    return "{\"movieNotification\": {\"callbackData\": \"cb\", \"changeType\": \"Updated\", \"n\": " + n + "}}";
  }

  /** Posts notification {@code n}; asserts 204 (the notification is durable). */
  static void post(TestGateway gateway, Created channel, int n) {
    HttpResponse<String> response = gateway.postJson(channel.callbackUrl(), movie(n));
    assertEquals(204, response.statusCode(), response.body());
  }

  /** Posts notifications {@code from..to-1} as one notificationList. */
  static void postList(TestGateway gateway, Created channel, int from, int to) {
    StringBuilder body = new StringBuilder("{\"notificationList\": [");
    for (int n = from; n < to; n++) {
      body.append(n > from ? "," : "").append(movie(n));
    }
    HttpResponse<String> response = gateway.postJson(channel.callbackUrl(), body.append("]}").toString());
    assertEquals(204, response.statusCode(), response.body());
  }

  /** The {@code n} of every movieNotification of a notificationList frame, in order. */
  static List<Integer> numbers(String frame) {
    JsonNode list = Json.parse(frame).get("notificationList");
    assertTrue(list != null && list.isArray(), "not a notificationList: " + frame);
    List<Integer> numbers = new ArrayList<>();
    for (JsonNode item : list) {
      numbers.add(item.get("movieNotification").get("n").asInt());
    }
    return numbers;
  }

  /** The frame's {@code ncResumePoint}. */
  static long resumePoint(String frame) {
    return Long.parseLong(Json.parse(frame).get("ncResumePoint").asText());
  }
}

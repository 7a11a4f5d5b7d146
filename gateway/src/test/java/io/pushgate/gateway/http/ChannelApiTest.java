package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channel-management API over real sockets, against a gateway started the way {@code Main} starts
 * it, on the embedded PostgreSQL. Each test uses its own user so tests do not see each other's channels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ChannelApiTest {
  static final String LONG_POLLING_D2 = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"maxNotifications": "1"},
       "channelLifetime": "7200", "channelType": "LongPolling", "clientCorrelator": "123"}}""";
  static final String WEBSOCKETS_D7 = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"maxNotifications": "5"},
       "channelLifetime": "7200", "channelType": "WebSockets", "clientCorrelator": "987"}}""";
  static final String WEBSOCKETS_XML = """
      <nc:notificationChannel xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <clientCorrelator>987</clientCorrelator><applicationTag>myApp</applicationTag><channelType>WebSockets</channelType>
        <channelData xsi:type="nc:WebSocketsData"><maxNotifications>5</maxNotifications></channelData>
        <channelLifetime>7200</channelLifetime>
      </nc:notificationChannel>""";
  static final String FORM_C1 = "clientCorrelator=123&applicationTag=myApp&channelType=LongPolling&maxNotifications=1&channelLifetime=7200";

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--max-channel-lifetime", "3600", "--expiry-sweep-interval", "200",
        "--max-request-bytes", "4096");



  /** A fresh user id per test, percent-encoded the way clients send tel: URIs. */
  private static String newUser() {
    return "tel%3A%2B1" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L);
  }

  private String channels(String user) {
    return gateway.api() + "/" + user + "/channels";
  }

  private JsonNode create(String user, String json) {
    HttpResponse<String> response = gateway.postJson(channels(user), json);
    assertEquals(201, response.statusCode(), response.body());
    return Json.parse(response.body()).get("notificationChannel");
  }

  private static void assertError(HttpResponse<String> response, int status, String kind, String messageId,
      String... variables) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode error = Json.parse(response.body()).get("requestError").get(kind);
    assertEquals(messageId, error.get("messageId").asText(), response.body());
    assertFalse(error.get("text").asText().isEmpty());
    if (variables.length > 0) {
      List<String> actual = new ArrayList<>();
      error.get("variables").forEach(v -> actual.add(v.asText()));
      assertEquals(List.of(variables), actual, response.body());
    }
    assertFalse(response.body().matches("(?s).*(java\\.|\\tat |\\$).*"), "leaks Java internals: " + response.body());
  }

  @Test
  void testSuccess_createLongPollingChannelFromTheSpecExample() {
    String user = newUser();
    HttpResponse<String> response = gateway.postJson(channels(user), LONG_POLLING_D2);
    assertEquals(201, response.statusCode(), response.body());
    JsonNode channel = Json.parse(response.body()).get("notificationChannel");
    String resourceUrl = channel.get("resourceURL").asText();
    assertEquals(resourceUrl, response.headers().firstValue("Location").orElseThrow());
    assertTrue(resourceUrl.startsWith(channels(user) + "/"), resourceUrl);
    assertEquals("myApp", channel.get("applicationTag").asText());
    assertEquals("123", channel.get("clientCorrelator").asText());
    assertEquals("LongPolling", channel.get("channelType").asText());
    // the spec's examples render every scalar as a string
    assertTrue(channel.get("channelLifetime").isTextual());
    assertEquals("3600", channel.get("channelLifetime").asText(), "7200 asked, capped at --max-channel-lifetime");
    assertEquals("1", channel.get("channelData").get("maxNotifications").asText());
    assertTrue(channel.get("channelData").get("channelURL").asText().startsWith(gateway.baseUrl() + "/longpoll/"));
    assertTrue(channel.get("callbackURL").asText().startsWith(gateway.baseUrl() + "/callbacks/"));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
  }

  @Test
  void testSuccess_createWebSocketsChannelGetsAWsUrlAndUnguessableIds() {
    String user = newUser();
    JsonNode channel = create(user, WEBSOCKETS_D7);
    String channelUrl = channel.get("channelData").get("channelURL").asText();
    assertTrue(channelUrl.startsWith("ws://localhost:" + gateway.port() + "/ws/"), channelUrl);
    assertEquals("5", channel.get("channelData").get("maxNotifications").asText());
    String channelId = lastSegment(channel.get("resourceURL").asText());
    String callbackToken = lastSegment(channel.get("callbackURL").asText());
    String channelToken = lastSegment(channelUrl);
    for (String token : List.of(channelId, callbackToken, channelToken)) {
      assertTrue(token.matches("[A-Za-z0-9_-]{24}"), token);
    }
    assertEquals(3, List.of(channelId, callbackToken, channelToken).stream().distinct().count());
  }

  @Test
  void testSuccess_createWithoutLifetimeGetsTheDefault() {
    JsonNode channel = create(newUser(), "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    assertEquals("3600", channel.get("channelLifetime").asText());
    assertEquals("20", channel.get("channelData").get("maxNotifications").asText());
    assertNull(channel.get("clientCorrelator"), "the server never invents a correlator");
    assertNull(channel.get("applicationTag"));
  }

  @Test
  void testSuccess_createInXmlAnsweredInXml() {
    String user = newUser();
    HttpResponse<String> response = gateway.send("POST", channels(user), WEBSOCKETS_XML,
        "Content-Type", "application/xml", "Accept", "application/xml");
    assertEquals(201, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
    String xml = response.body();
    assertTrue(xml.contains("<nc:notificationChannel"), xml);
    assertTrue(xml.contains("urn:oma:xml:rest:netapi:notificationchannel:1"), xml);
    assertTrue(xml.contains("xsi:type=\"nc:WebSocketsData\""), xml);
    assertTrue(xml.contains("<clientCorrelator>987</clientCorrelator>"), xml);
    assertTrue(xml.contains("<channelLifetime>3600</channelLifetime>"), xml);

    // the same channel read back in JSON
    String location = response.headers().firstValue("Location").orElseThrow();
    JsonNode read = Json.parse(gateway.get(location).body()).get("notificationChannel");
    assertEquals("WebSockets", read.get("channelType").asText());
    assertEquals("987", read.get("clientCorrelator").asText());
  }

  @Test
  void testSuccess_createFromAForm() {
    String user = newUser();
    HttpResponse<String> response = gateway.send("POST", channels(user), FORM_C1,
        "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json");
    assertEquals(201, response.statusCode(), response.body());
    JsonNode channel = Json.parse(response.body()).get("notificationChannel");
    assertEquals("LongPolling", channel.get("channelType").asText());
    assertEquals("1", channel.get("channelData").get("maxNotifications").asText());
    assertEquals("123", channel.get("clientCorrelator").asText());
  }

  @Test
  void testSuccess_sameCorrelatorReturnsTheSameChannel() {
    String user = newUser();
    JsonNode first = create(user, LONG_POLLING_D2);
    HttpResponse<String> again = gateway.postJson(channels(user), LONG_POLLING_D2);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(first, Json.parse(again.body()).get("notificationChannel"));
    assertEquals(first.get("resourceURL").asText(), again.headers().firstValue("Location").orElseThrow());
    assertEquals(1, Json.parse(gateway.get(channels(user)).body()).get("notificationChannelList")
        .get("notificationChannel").size());

    // the same correlator from another user is another channel
    JsonNode other = create(newUser(), LONG_POLLING_D2);
    assertFalse(other.get("resourceURL").asText().equals(first.get("resourceURL").asText()));
  }

  @Test
  void testFailure_sameCorrelatorDifferentRequest() {
    String user = newUser();
    create(user, LONG_POLLING_D2);
    HttpResponse<String> conflict = gateway.postJson(channels(user), LONG_POLLING_D2.replace("myApp", "otherApp"));
    assertError(conflict, 409, "serviceException", "SVC0005", "123", "clientCorrelator");
  }

  @ParameterizedTest
  @CsvSource({"OMAPush", "NativeChannel"})
  void testFailure_unsupportedChannelType(String type) {
    HttpResponse<String> response = gateway.postJson(channels(newUser()),
        "{\"notificationChannel\": {\"channelType\": \"" + type + "\"}}");
    assertError(response, 403, "policyException", "POL1023", type, "LongPolling, WebSockets");
  }

  @Test
  void testSuccess_listReadAndIsolationBetweenUsers() {
    String user = newUser();
    JsonNode a = create(user, LONG_POLLING_D2);
    JsonNode b = create(user, WEBSOCKETS_D7);
    JsonNode list = Json.parse(gateway.get(channels(user)).body()).get("notificationChannelList");
    assertEquals(channels(user), list.get("resourceURL").asText());
    assertEquals(List.of(a, b), List.of(list.get("notificationChannel").get(0), list.get("notificationChannel").get(1)));

    HttpResponse<String> read = gateway.get(a.get("resourceURL").asText());
    assertEquals(200, read.statusCode());
    assertEquals(a, Json.parse(read.body()).get("notificationChannel"));

    // another user sees neither the list nor the channel
    String stranger = newUser();
    JsonNode strangerList = Json.parse(gateway.get(channels(stranger)).body()).get("notificationChannelList");
    assertNull(strangerList.get("notificationChannel"));
    String channelId = lastSegment(a.get("resourceURL").asText());
    assertError(gateway.get(channels(stranger) + "/" + channelId), 404, "serviceException", "SVC0002", "channelId");
    assertError(gateway.send("DELETE", channels(stranger) + "/" + channelId, null), 404, "serviceException", "SVC0002");
    assertEquals(200, gateway.get(a.get("resourceURL").asText()).statusCode(), "still there for its owner");
  }

  @Test
  void testSuccess_userIdEncodedOrNotIsTheSameUser() {
    create("acr%3Apseudonym123", WEBSOCKETS_D7.replace("987", UUID.randomUUID().toString()));
    JsonNode list = Json.parse(gateway.get(gateway.api() + "/acr:pseudonym123/channels").body())
        .get("notificationChannelList");
    assertEquals(gateway.api() + "/acr%3Apseudonym123/channels", list.get("resourceURL").asText());
    assertTrue(list.get("notificationChannel").size() >= 1);
  }

  @Test
  void testSuccess_deleteThenGone() {
    String user = newUser();
    String url = create(user, WEBSOCKETS_D7).get("resourceURL").asText();
    HttpResponse<String> deleted = gateway.send("DELETE", url, null);
    assertEquals(204, deleted.statusCode());
    assertEquals("", deleted.body());
    assertError(gateway.get(url), 404, "serviceException", "SVC0002", "channelId");
    assertError(gateway.send("DELETE", url, null), 404, "serviceException", "SVC0002", "channelId");
    assertError(gateway.get(url + "/channelLifetime"), 404, "serviceException", "SVC0002", "channelId");
    assertError(gateway.putJson(url + "/channelLifetime", "{\"notificationChannelLifetime\": {\"channelLifetime\": \"60\"}}"),
        404, "serviceException", "SVC0002", "channelId");
  }

  @Test
  void testSuccess_lifetimeReadRefreshAndCap() {
    String url = create(newUser(), WEBSOCKETS_D7).get("resourceURL").asText() + "/channelLifetime";
    int remaining = Json.parse(gateway.get(url).body()).get("notificationChannelLifetime").get("channelLifetime").asInt();
    assertTrue(remaining <= 3600 && remaining > 3590, "remaining " + remaining);

    HttpResponse<String> refreshed = gateway.putJson(url, "{\"notificationChannelLifetime\": {\"channelLifetime\": \"60\"}}");
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    assertEquals("60", Json.parse(refreshed.body()).get("notificationChannelLifetime").get("channelLifetime").asText());
    remaining = Json.parse(gateway.get(url).body()).get("notificationChannelLifetime").get("channelLifetime").asInt();
    assertTrue(remaining <= 60 && remaining > 50, "remaining " + remaining);

    // the spec's D.17: 7200 asked, a shorter lifetime granted
    refreshed = gateway.putJson(url, "{\"notificationChannelLifetime\": {\"channelLifetime\": \"7200\"}}");
    assertEquals("3600", Json.parse(refreshed.body()).get("notificationChannelLifetime").get("channelLifetime").asText());

    // omitted: the default
    gateway.putJson(url, "{\"notificationChannelLifetime\": {\"channelLifetime\": 5}}");
    refreshed = gateway.putJson(url, "{\"notificationChannelLifetime\": null}");
    assertEquals("3600", Json.parse(refreshed.body()).get("notificationChannelLifetime").get("channelLifetime").asText());
    refreshed = gateway.send("PUT", url, null, "Accept", "application/json");
    assertEquals(200, refreshed.statusCode(), refreshed.body());

    // the granted lifetime is what a GET of the channel shows
    String channelUrl = url.substring(0, url.length() - "/channelLifetime".length());
    gateway.putJson(url, "{\"notificationChannelLifetime\": {\"channelLifetime\": \"120\"}}");
    assertEquals("120", Json.parse(gateway.get(channelUrl).body()).get("notificationChannel").get("channelLifetime").asText());

    // XML both ways
    HttpResponse<String> xml = gateway.send("PUT", url,
        "<nc:notificationChannelLifetime xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"><channelLifetime>90</channelLifetime></nc:notificationChannelLifetime>",
        "Content-Type", "application/xml", "Accept", "application/xml");
    assertEquals(200, xml.statusCode(), xml.body());
    assertTrue(xml.body().contains("<channelLifetime>90</channelLifetime>"), xml.body());
  }

  @Test
  void testFailure_badLifetimeChangesNothing() {
    String url = create(newUser(), WEBSOCKETS_D7).get("resourceURL").asText() + "/channelLifetime";
    for (String body : List.of("{\"notificationChannelLifetime\": {\"channelLifetime\": \"soon\"}}",
        "{\"notificationChannelLifetime\": {\"channelLifetime\": 0}}",
        "{\"notificationChannelLifetime\": {\"channelLifetime\": -5}}")) {
      assertError(gateway.putJson(url, body), 400, "serviceException", "SVC0002", "channelLifetime");
    }
    int remaining = Json.parse(gateway.get(url).body()).get("notificationChannelLifetime").get("channelLifetime").asInt();
    assertTrue(remaining > 3590, "unchanged: " + remaining);
  }

  @Test
  void testSuccess_channelExpiresAndDisappears() {
    String user = newUser();
    JsonNode channel = create(user, "{\"notificationChannel\": {\"channelType\": \"LongPolling\", \"channelLifetime\": 1}}");
    assertEquals("1", channel.get("channelLifetime").asText());
    String url = channel.get("resourceURL").asText();
    Await.until(Duration.ofSeconds(10), "channel expired", () -> gateway.get(url).statusCode() == 404);
    assertNull(Json.parse(gateway.get(channels(user)).body()).get("notificationChannelList").get("notificationChannel"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PUT | /channels | GET, POST",
      "DELETE | /channels | GET, POST",
      "PATCH | /channels | GET, POST",
      "HEAD | /channels | GET, POST",
      "PUT | /channels/x | GET, DELETE",
      "POST | /channels/x | GET, DELETE",
      "PATCH | /channels/x | GET, DELETE",
      "POST | /channels/x/channelLifetime | GET, PUT",
      "DELETE | /channels/x/channelLifetime | GET, PUT",
      "OPTIONS | /channels/x/channelLifetime | GET, PUT"})
  void testFailure_methodNotAllowed(String method, String path, String allow) {
    HttpResponse<String> response = gateway.send(method, gateway.api() + "/" + newUser() + path,
        method.equals("HEAD") ? null : "{}", "Content-Type", "application/json");
    assertEquals(405, response.statusCode(), response.body());
    assertEquals(allow, response.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void testFailure_unknownResource() {
    assertError(gateway.get(gateway.baseUrl() + "/nothing/here"), 404, "serviceException", "SVC0001");
    assertError(gateway.get(gateway.api() + "/u/channels/c/unknown"), 404, "serviceException", "SVC0001");
    assertError(gateway.get(gateway.api() + "/%E2%28/channels"), 400, "serviceException", "SVC0002", "userId");
  }

  @Test
  void testFailure_negotiation() {
    HttpResponse<String> response = gateway.send("GET", channels(newUser()), null, "Accept", "text/plain");
    assertEquals(406, response.statusCode());
    response = gateway.send("POST", channels(newUser()), LONG_POLLING_D2, "Content-Type", "text/plain");
    assertError(response, 415, "serviceException", "SVC0001");
    response = gateway.send("POST", channels(newUser()), LONG_POLLING_D2);
    assertError(response, 415, "serviceException", "SVC0001");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\" | SVC0001 |",
      "not json at all | SVC0001 |",
      "[] | SVC0002 | notificationChannel",
      "{\"somethingElse\": {}} | SVC0002 | notificationChannel",
      "{\"notificationChannel\": {}} | SVC0002 | channelType",
      "{\"notificationChannel\": {\"channelType\": \"Pigeon\"}} | SVC0003 | channelType",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelLifetime\": \"long\"}} | SVC0002 | channelLifetime",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelLifetime\": 0}} | SVC0002 | channelLifetime",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": {}}}} | SVC0002 | channelData.maxNotifications",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 0}}} | SVC0002 | channelData.maxNotifications",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"callbackURL\": \"http://evil\"}} | SVC0002 | callbackURL",
      "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"resourceURL\": \"http://evil\"}} | SVC0002 | resourceURL",
      "{\"notificationChannel\": {\"channelType\": \"LongPolling\", \"channelData\": {\"channelURL\": \"http://evil\"}}} | SVC0002 | channelData.channelURL"})
  void testFailure_badCreateBodyIsRefusedAndCreatesNothing(String body, String messageId, String part) {
    String user = newUser();
    HttpResponse<String> response = gateway.postJson(channels(user), body);
    if (part == null) {
      assertError(response, 400, "serviceException", messageId);
    } else if (messageId.equals("SVC0003")) {
      assertError(response, 400, "serviceException", messageId);
      assertEquals(part, Json.parse(response.body()).get("requestError").get("serviceException").get("variables").get(0).asText());
    } else {
      assertError(response, 400, "serviceException", messageId, part);
    }
    assertNull(Json.parse(gateway.get(channels(user)).body()).get("notificationChannelList").get("notificationChannel"));
  }

  @Test
  void testFailure_emptyAndOversizedBodies() {
    String user = newUser();
    assertError(gateway.postJson(channels(user), ""), 400, "serviceException", "SVC0002", "notificationChannel");
    String huge = "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"applicationTag\": \"" + "x".repeat(5000) + "\"}}";
    assertError(gateway.postJson(channels(user), huge), 413, "serviceException", "SVC0001");
    assertNull(Json.parse(gateway.get(channels(user)).body()).get("notificationChannelList").get("notificationChannel"));
    // and the gateway still serves
    create(user, WEBSOCKETS_D7);
  }

  @Test
  void testSuccess_errorsInXmlWhenXmlIsAccepted() {
    HttpResponse<String> response = gateway.send("POST", channels(newUser()),
        "{\"notificationChannel\": {\"channelType\": \"OMAPush\"}}",
        "Content-Type", "application/json", "Accept", "application/xml");
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("<common:requestError"), response.body());
    assertTrue(response.body().contains("<messageId>POL1023</messageId>"), response.body());
  }

  @Test
  void testSuccess_healthOnTheAdminListener() {
    String admin = "http://127.0.0.1:" + gateway.component().gateway().adminPort();
    HttpResponse<String> live = gateway.get(admin + "/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("UP", Json.parse(live.body()).get("status").asText());
    HttpResponse<String> ready = gateway.get(admin + "/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals("UP", Json.parse(ready.body()).get("status").asText());
    assertEquals(405, gateway.send("POST", admin + "/health/live", "x").statusCode());
    assertEquals(404, gateway.get(admin + "/metrics/none").statusCode());
  }

  private static String lastSegment(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}

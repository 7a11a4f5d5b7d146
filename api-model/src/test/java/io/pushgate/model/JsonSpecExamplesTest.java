package io.pushgate.model;

import static io.pushgate.model.SpecExamples.*;
import static io.pushgate.model.Support.CODEC;
import static io.pushgate.model.Support.read;
import static io.pushgate.model.Support.text;
import static io.pushgate.model.Support.tree;
import static io.pushgate.model.Support.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every JSON example of the spec digest §4.3. Requests are parsed and their fields asserted;
 * responses are built as records, written, and compared with the example as a Jackson tree (member
 * order is not significant there; {@link #ourMemberOrder} checks it separately).
 *
 * <p>Before comparing, {@link #normalise} turns the example's single-value renderings into our
 * output policy (DESIGN §3, digest §4.1 rule 4): {@code requestError.*.variables} is always an
 * array, and a {@code notificationList} is always an array of single-member objects.
 */
class JsonSpecExamplesTest {

  private static final LongPollingData CH123_DATA = new LongPollingData(U + "/channels/ch123/notifications", 1, null);
  private static final NotificationChannel CH123 = new NotificationChannel(
      "123", "myApp", ChannelType.LongPolling, CH123_DATA, 7200,
      "http://example.com/callBackUrl/cbu111", U + "/channels/ch123");

  // ---- requests ----

  @Test
  void createLongPollingRequest() throws Exception {
    assertEquals(
        new NotificationChannel("123", "myApp", ChannelType.LongPolling, new LongPollingData(null, 1, null), 7200, null, null),
        read(CREATE_LONG_POLLING, MediaFormat.JSON, NotificationChannel.class));
  }

  @Test
  void createWebSocketsRequest() throws Exception {
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.WebSockets, new WebSocketsData(null, 5), 7200, null, null),
        read(CREATE_WEBSOCKETS, MediaFormat.JSON, NotificationChannel.class));
  }

  @Test
  void createOmaPushRequest() throws Exception {
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.OMAPush,
            new OMAPushData("x-wap-application:wml.ua", 1, null), 7200, null, null),
        read(CREATE_OMA_PUSH, MediaFormat.JSON, NotificationChannel.class));
  }

  @Test
  void createOmaPushWithLargeDataPollingRequest() throws Exception {
    NotificationChannel c = read(CREATE_OMA_PUSH_LARGE_DATA, MediaFormat.JSON, NotificationChannel.class);
    assertEquals(new OMAPushData("x-wap-application:wml.ua", 1, new LargeDataPolling(true, 10)), c.channelData());
    assertEquals(ChannelType.OMAPush, c.channelType());
    assertEquals(7200, c.channelLifetime());
    assertEquals("987", c.clientCorrelator());
  }

  @Test
  void createNativeChannelRequest() throws Exception {
    NotificationChannel c = read(CREATE_NATIVE, MediaFormat.JSON, NotificationChannel.class);
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.NativeChannel,
            new NativeChannelData("GCM", "CI2k_HHwgIpoDKCIZvvDMExUdFQ3P1", "1.0", 1, new LargeDataPolling(true, 10)),
            7200, null, null),
        c);
  }

  @Test
  void longPollRequest() throws Exception {
    assertEquals(new LongPollingRequestParameters(), read(LONG_POLL, MediaFormat.JSON, LongPollingRequestParameters.class));
  }

  @Test
  void refreshLifetimeRequest() throws Exception {
    assertEquals(new NotificationChannelLifetime(7200), read(REFRESH_LIFETIME, MediaFormat.JSON, NotificationChannelLifetime.class));
  }

  @Test
  void connCheckAndConnAckMessages() throws Exception {
    assertEquals(new ConnCheck(60, 3600), read(SERVER_CONN_CHECK, MediaFormat.JSON, ConnCheck.class));
    assertEquals(new ConnCheck(null, null), read(CLIENT_CONN_CHECK, MediaFormat.JSON, ConnCheck.class));
    assertEquals(new ConnAck(3600), read(SERVER_CONN_ACK, MediaFormat.JSON, ConnAck.class));
    assertEquals(new ConnAck(null), read(CLIENT_CONN_ACK, MediaFormat.JSON, ConnAck.class));
  }

  @Test
  void responsesReadBackAsTheRecordsTheyWereWrittenFrom() throws Exception {
    assertEquals(CH123, read(CREATED_LONG_POLLING, MediaFormat.JSON, NotificationChannel.class));
    assertEquals(2, read(LIST_RESPONSE, MediaFormat.JSON, NotificationChannelList.class).notificationChannel().size());
  }

  // ---- responses ----

  @Test
  void listChannels() {
    NotificationChannel ch987 = new NotificationChannel(
        "987", "someOtherApp", ChannelType.OMAPush, new OMAPushData("x-wap-application:wml.ua", 5, null), 3600,
        "http://example.com/callBackUrl/cbu222", U + "/channels/ch987");
    assertWrites(LIST_RESPONSE, new NotificationChannelList(List.of(CH123, ch987), U + "/channels"));
  }

  @Test
  void createdLongPolling() {
    assertWrites(CREATED_LONG_POLLING, CH123);
  }

  @Test
  void createdWebSockets() {
    assertWrites(CREATED_WEBSOCKETS, new NotificationChannel(
        "987", "myApp", ChannelType.WebSockets, new WebSocketsData((U + "/channels/ch378/ws").replace("http:", "ws:"), 5),
        3600, "http://example.com/callBackUrl/cbu112", U + "/channels/ch378"));
  }

  @Test
  void createdOmaPush() {
    assertWrites(CREATED_OMA_PUSH, new NotificationChannel(
        "987", "myApp", ChannelType.OMAPush, new OMAPushData("x-wap-application:wml.ua", 1, null), 7200,
        "http://example.com/callBackUrl/cbu222", U + "/channels/ch987"));
  }

  @Test
  void createdOmaPushWithLargeDataPolling() {
    ObjectNode expected = (ObjectNode) tree(CREATE_OMA_PUSH_LARGE_DATA);
    ObjectNode channel = (ObjectNode) expected.get("notificationChannel");
    channel.put("callbackURL", "http://example.com/callBackUrl/cbu222");
    channel.put("resourceURL", U + "/channels/ch987");
    NotificationChannel written = new NotificationChannel(
        "987", "myApp", ChannelType.OMAPush,
        new OMAPushData("x-wap-application:wml.ua", 1, new LargeDataPolling(true, 10)), 7200,
        "http://example.com/callBackUrl/cbu222", U + "/channels/ch987");
    assertEquals(expected, tree(CODEC.write(written, MediaFormat.JSON)));
  }

  @Test
  void featureNotAvailable() {
    assertWrites(FEATURE_NOT_AVAILABLE, PolicyException.featureNotAvailable("LargeDataPolling"));
  }

  @Test
  void createdNativeChannel() {
    assertWrites(CREATED_NATIVE, new NotificationChannel(
        "987", "myApp", ChannelType.NativeChannel,
        new NativeChannelData("GCM", "CI2k_HHwgIpoDKCIZvvDMExUdFQ3P1", "1.0", 1, new LargeDataPolling(true, 10)),
        7200, "http://example.com/callBackUrl/cbu899", U + "/channels/ch309"));
  }

  @Test
  void channelTypeNotSupported() {
    assertWrites(TYPE_NOT_SUPPORTED, PolicyException.channelTypeNotSupported("LongPolling", "OMAPush, WebSockets"));
  }

  @Test
  void readChannel() {
    assertWrites(READ_CHANNEL, new NotificationChannel(
        "456", "someOtherApp", ChannelType.LongPolling, new LongPollingData(U + "/channels/ch456/notifications", 5, null),
        7200, "http://example.com/callBackUrl/cbu333", U + "/channels/ch456"));
  }

  @Test
  void oneNotificationInAList() {
    assertWrites(ONE_IN_LIST, new NotificationList(List.of(Support.json(PRESENCE))));
  }

  @Test
  void severalNotificationsInAList() {
    assertWrites(SEVERAL_IN_LIST, new NotificationList(
        List.of(Support.json(INBOUND_1), Support.json(INBOUND_2), Support.json(PRESENCE))));
  }

  @Test
  void emptyListAtTimeout() {
    assertWrites(EMPTY_LIST, new NotificationList(List.of()));
    assertEquals("{\"notificationList\":null}", text(CODEC.write(new NotificationList(null), MediaFormat.JSON)));
  }

  @Test
  void singleNotificationOutsideAListIsKeptByteForByte() throws Exception {
    // D.15: the gateway sends such a body as it is, so reading it must keep it verbatim
    NotificationList read = read(PRESENCE, MediaFormat.JSON, NotificationList.class);
    assertEquals(1, read.notifications().size());
    assertEquals("presenceNotification", read.notifications().get(0).rootName());
    assertArrayEquals(utf8(PRESENCE), read.notifications().get(0).body());
  }

  @Test
  void lifetimes() {
    assertWrites(REMAINING_LIFETIME, new NotificationChannelLifetime(1724));
    assertWrites(REFRESH_LIFETIME, new NotificationChannelLifetime(7200));
    assertWrites(REFRESHED_LIFETIME, new NotificationChannelLifetime(3600));
  }

  @Test
  void connCheckAndConnAckWritten() {
    assertWrites(SERVER_CONN_CHECK, new ConnCheck(60, 3600));
    assertWrites(SERVER_CONN_ACK, new ConnAck(3600));
    assertWrites(CLIENT_CONN_ACK, new ConnAck(null));
    assertWrites(CLIENT_CONN_CHECK, new ConnCheck(null, null));
    assertWrites(LONG_POLL, new LongPollingRequestParameters());
  }

  @Test
  void ourMemberOrder() {
    String expected = "{\"notificationChannel\":{\"clientCorrelator\":\"123\",\"applicationTag\":\"myApp\","
        + "\"channelType\":\"LongPolling\",\"channelData\":{\"channelURL\":\"" + U + "/channels/ch123/notifications\","
        + "\"maxNotifications\":\"1\"},\"channelLifetime\":\"7200\",\"callbackURL\":\"http://example.com/callBackUrl/cbu111\","
        + "\"resourceURL\":\"" + U + "/channels/ch123\"}}";
    assertEquals(expected, text(CODEC.write(CH123, MediaFormat.JSON)));
    String nativeData = text(CODEC.write(new NotificationChannel(null, null, ChannelType.NativeChannel,
        new NativeChannelData("APNS", "tok", "2", 3, new LargeDataPolling(false, 4)), null, null, null), MediaFormat.JSON));
    assertEquals("{\"notificationChannel\":{\"channelType\":\"NativeChannel\",\"channelData\":{\"channelSubType\":\"APNS\","
        + "\"registrationToken\":\"tok\",\"channelSubTypeVersion\":\"2\",\"maxNotifications\":\"3\",\"largeDataPolling\":"
        + "{\"pollingEnabled\":\"false\",\"maxPollingNotifications\":\"4\"}}}}", nativeData);
    assertEquals("{\"notificationChannel\":{\"channelType\":\"LongPolling\",\"channelData\":{\"maxNotifications\":\"2\","
        + "\"maxWaitTime\":\"9\"}}}", text(CODEC.write(new NotificationChannel(null, null, ChannelType.LongPolling,
        new LongPollingData(null, 2, 9), null, null, null), MediaFormat.JSON)));
  }

  @Test
  void listAlwaysUsesArraysAndOmitsEmptyOnes() {
    assertEquals("{\"notificationChannelList\":{\"notificationChannel\":[{\"channelType\":\"WebSockets\"}],\"resourceURL\":\"r\"}}",
        text(CODEC.write(new NotificationChannelList(List.of(new NotificationChannel(null, null, ChannelType.WebSockets,
            null, null, null, null)), "r"), MediaFormat.JSON)));
    assertEquals("{\"notificationChannelList\":{\"resourceURL\":\"r\"}}",
        text(CODEC.write(new NotificationChannelList(null, "r"), MediaFormat.JSON)));
    assertEquals("{\"requestError\":{\"serviceException\":{\"messageId\":\"SVC1012\","
        + "\"text\":\"Simultaneous channel requests not supported\"}}}",
        text(CODEC.write(ServiceException.simultaneousRequests(), MediaFormat.JSON)));
    assertEquals("{\"requestError\":{\"serviceException\":{\"messageId\":\"SVC0002\","
        + "\"text\":\"Invalid input value for message part %1\",\"variables\":[\"channelLifetime\"]}}}",
        text(CODEC.write(ServiceException.invalidInput("channelLifetime"), MediaFormat.JSON)));
  }

  private static void assertWrites(String example, Object model) {
    assertEquals(normalise(tree(example)), tree(CODEC.write(model, MediaFormat.JSON)));
  }

  /** Our output policy applied to an example: see the class comment. */
  static JsonNode normalise(JsonNode example) {
    JsonNode copy = example.deepCopy();
    JsonNode error = copy.get("requestError");
    if (error != null) {
      for (Map.Entry<String, JsonNode> e : error.properties()) {
        ObjectNode exception = (ObjectNode) e.getValue();
        JsonNode variables = exception.get("variables");
        if (variables != null && !variables.isArray()) {
          exception.set("variables", exception.arrayNode().add(variables));
        }
      }
    }
    JsonNode list = copy.get("notificationList");
    if (list != null && list.isObject()) {
      ArrayNode array = ((ObjectNode) copy).arrayNode();
      for (Map.Entry<String, JsonNode> e : list.properties()) {
        array.addObject().set(e.getKey(), e.getValue());
      }
      ((ObjectNode) copy).set("notificationList", array);
    }
    return copy;
  }
}

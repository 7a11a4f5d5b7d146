package io.pushgate.model;

import static io.pushgate.model.Support.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN §3: scalars as strings or natives, single value or array, null for empty, unknown members ignored. */
class LenientInputTest {

  @Test
  void numbersAndStringsAreTheSame() throws Exception {
    NotificationChannel expected = new NotificationChannel("123", "7", ChannelType.WebSockets, new WebSocketsData(null, 5), 3600, null, null);
    assertEquals(expected, read("{\"notificationChannel\": {\"clientCorrelator\": 123, \"applicationTag\": \"7\", \"channelType\": \"WebSockets\","
        + " \"channelData\": {\"maxNotifications\": 5}, \"channelLifetime\": 3600}}", MediaFormat.JSON, NotificationChannel.class));
    assertEquals(expected, read("{\"notificationChannel\": {\"clientCorrelator\": \"123\", \"applicationTag\": 7, \"channelType\": \"WebSockets\","
        + " \"channelData\": {\"maxNotifications\": \"5\"}, \"channelLifetime\": \"3600\"}}", MediaFormat.JSON, NotificationChannel.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "\"0\"", "\"+0\"", "\"000\"", "\" 0 \""})
  void zeroIsAValidCount(String value) throws Exception {
    assertEquals(new NotificationChannelLifetime(0),
        read("{\"notificationChannelLifetime\": {\"channelLifetime\": " + value + "}}", MediaFormat.JSON, NotificationChannelLifetime.class));
  }

  @Test
  void largestIntIsAccepted() throws Exception {
    assertEquals(new ConnAck(Integer.MAX_VALUE), read("{\"connAck\": {\"channelLifetime\": 2147483647}}", MediaFormat.JSON, ConnAck.class));
    assertEquals(new ConnAck(Integer.MAX_VALUE), read("{\"connAck\": {\"channelLifetime\": \"2147483647\"}}", MediaFormat.JSON, ConnAck.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "\"true\"", "\"1\"", "1"})
  void booleansTrue(String value) throws Exception {
    assertEquals(new LargeDataPolling(true, null), largeDataPolling(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "\"false\"", "\"0\"", "0"})
  void booleansFalse(String value) throws Exception {
    assertEquals(new LargeDataPolling(false, null), largeDataPolling(value));
  }

  private static LargeDataPolling largeDataPolling(String pollingEnabled) throws Exception {
    return ((OMAPushData) read("{\"notificationChannel\": {\"channelType\": \"OMAPush\", \"channelData\": {\"largeDataPolling\": {\"pollingEnabled\": "
        + pollingEnabled + "}}}}", MediaFormat.JSON, NotificationChannel.class).channelData()).largeDataPolling();
  }

  @Test
  void singleValueOrArray() throws Exception {
    String channel = "{\"channelType\": \"WebSockets\", \"clientCorrelator\": \"a\"}";
    NotificationChannel expected = new NotificationChannel("a", null, ChannelType.WebSockets, null, null, null, null);
    assertEquals(List.of(expected), read("{\"notificationChannelList\": {\"notificationChannel\": " + channel + ", \"resourceURL\": \"r\"}}",
        MediaFormat.JSON, NotificationChannelList.class).notificationChannel());
    assertEquals(List.of(expected, expected), read("{\"notificationChannelList\": {\"notificationChannel\": [" + channel + ", " + channel + "]}}",
        MediaFormat.JSON, NotificationChannelList.class).notificationChannel());
    assertEquals(List.of(), read("{\"notificationChannelList\": {\"notificationChannel\": null, \"resourceURL\": \"r\"}}",
        MediaFormat.JSON, NotificationChannelList.class).notificationChannel());
    assertEquals(List.of("LargeDataPolling"), read(SpecExamples.FEATURE_NOT_AVAILABLE, MediaFormat.JSON, RequestError.class).variables());
    assertEquals(PolicyException.channelTypeNotSupported("LongPolling", "OMAPush, WebSockets"),
        read(SpecExamples.TYPE_NOT_SUPPORTED, MediaFormat.JSON, RequestError.class));
    assertEquals(new ServiceException("SVC0001", "t", List.of("1")),
        read("{\"requestError\": {\"serviceException\": {\"messageId\": \"SVC0001\", \"text\": \"t\", \"variables\": 1}}}",
            MediaFormat.JSON, RequestError.class));
  }

  @Test
  void nullMeansEmpty() throws Exception {
    assertEquals(new LongPollingRequestParameters(), read("{\"longPollingRequestParameters\": null}", MediaFormat.JSON, LongPollingRequestParameters.class));
    assertEquals(new LongPollingRequestParameters(), read("{\"longPollingRequestParameters\": {}}", MediaFormat.JSON, LongPollingRequestParameters.class));
    assertEquals(new NotificationChannelLifetime(null), read("{\"notificationChannelLifetime\": null}", MediaFormat.JSON, NotificationChannelLifetime.class));
    assertEquals(new NotificationChannelLifetime(null),
        read("{\"notificationChannelLifetime\": {\"channelLifetime\": null}}", MediaFormat.JSON, NotificationChannelLifetime.class));
    assertEquals(new ConnAck(null), read("{\"connAck\": null}", MediaFormat.JSON, ConnAck.class));
    assertEquals(new ConnCheck(null, null), read("{\"connCheck\": {}}", MediaFormat.JSON, ConnCheck.class));
    assertEquals(new NotificationChannel(null, null, ChannelType.LongPolling, null, null, null, null),
        read("{\"notificationChannel\": {\"channelType\": \"LongPolling\", \"channelData\": null, \"channelLifetime\": null, \"clientCorrelator\": null}}",
            MediaFormat.JSON, NotificationChannel.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\r\n\t"})
  void longPollBodyMayBeEmptyInEveryFormat(String body) throws Exception {
    for (MediaFormat format : MediaFormat.values()) {
      assertEquals(new LongPollingRequestParameters(), read(body, format, LongPollingRequestParameters.class));
    }
  }

  @Test
  void unknownMembersAreIgnored() throws Exception {
    assertEquals(new NotificationChannel("1", null, ChannelType.OMAPush, new OMAPushData("a", 2, new LargeDataPolling(true, 3)), null, null, null),
        read("{\"notificationChannel\": {\"x\": [1, {\"y\": null}], \"clientCorrelator\": \"1\", \"channelType\": \"OMAPush\", \"channelData\": "
            + "{\"appId\": \"a\", \"maxNotifications\": 2, \"channelURL\": \"ignored for OMAPush\", \"largeDataPolling\": "
            + "{\"pollingEnabled\": true, \"maxPollingNotifications\": 3, \"z\": 0}}}}", MediaFormat.JSON, NotificationChannel.class));
    assertEquals(new LongPollingRequestParameters(),
        read("<longPollingRequestParameters><future>1</future></longPollingRequestParameters>", MediaFormat.XML, LongPollingRequestParameters.class));
  }

  @Test
  void serverOwnedFieldsAreParsedAsGiven() throws Exception {
    NotificationChannel c = read("{\"notificationChannel\": {\"channelType\": \"LongPolling\", \"callbackURL\": \"cb\", \"resourceURL\": \"r\","
        + " \"channelData\": {\"channelURL\": \"u\", \"maxWaitTime\": 4}}}", MediaFormat.JSON, NotificationChannel.class);
    assertEquals("cb", c.callbackURL());
    assertEquals("r", c.resourceURL());
    assertEquals(new LongPollingData("u", null, 4), c.channelData());
  }

  @Test
  void xmlWhitespaceAndRepeats() throws Exception {
    NotificationChannelList list = read("<nc:notificationChannelList xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">\n"
        + "  <notificationChannel>\n    <channelType>WebSockets</channelType>\n    <channelLifetime>\n 60 \n</channelLifetime>\n  </notificationChannel>\n"
        + "  <resourceURL>r</resourceURL>\n</nc:notificationChannelList>", MediaFormat.XML, NotificationChannelList.class);
    assertEquals(new NotificationChannelList(List.of(new NotificationChannel(null, null, ChannelType.WebSockets, null, 60, null, null)), "r"), list);
    RequestError error = read("<common:requestError xmlns:common=\"urn:oma:xml:rest:netapi:common:1\"><policyException><messageId>POL1023</messageId>"
        + "<text>t</text><variables>a</variables><variables>b, c</variables></policyException></common:requestError>", MediaFormat.XML, RequestError.class);
    assertEquals(new PolicyException("POL1023", "t", List.of("a", "b, c")), error);
    NotificationChannel escaped = read("<notificationChannel><channelType>WebSockets</channelType><clientCorrelator><![CDATA[a<b]]>&amp;&#x41;</clientCorrelator>"
        + "</notificationChannel>", MediaFormat.XML, NotificationChannel.class);
    assertEquals("a<b&A", escaped.clientCorrelator());
    assertNull(escaped.channelData());
  }
}

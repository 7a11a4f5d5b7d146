package io.pushgate.model;

import static io.pushgate.model.Support.CODEC;
import static io.pushgate.model.Support.VALID_TYPES;
import static io.pushgate.model.Support.assertError;
import static io.pushgate.model.Support.assertInvalidPart;
import static io.pushgate.model.Support.assertMalformed;
import static io.pushgate.model.Support.readFails;
import static io.pushgate.model.Support.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a body can be refused, with the exact code and message part. */
class ErrorPathsTest {

  static Stream<Arguments> wrongRoots() {
    return Stream.of(
        Arguments.of("{\"notificationChannelX\": {\"channelType\": \"WebSockets\"}}", NotificationChannel.class, "notificationChannel"),
        Arguments.of("{}", NotificationChannel.class, "notificationChannel"),
        Arguments.of("[]", NotificationChannel.class, "notificationChannel"),
        Arguments.of("5", NotificationChannel.class, "notificationChannel"),
        Arguments.of("null", NotificationChannel.class, "notificationChannel"),
        Arguments.of("\"notificationChannel\"", NotificationChannel.class, "notificationChannel"),
        Arguments.of("{\"notificationChannel\": \"x\"}", NotificationChannel.class, "notificationChannel"),
        Arguments.of("{\"notificationChannel\": [{\"channelType\": \"WebSockets\"}]}", NotificationChannel.class, "notificationChannel"),
        Arguments.of("{\"notificationChannel\": {\"channelType\": \"WebSockets\"}, \"extra\": 1}", NotificationChannel.class, "notificationChannel"),
        Arguments.of("{\"notificationChannel\": {\"channelLifetime\": \"5\"}}", NotificationChannelLifetime.class, "notificationChannelLifetime"),
        Arguments.of("{\"longPollingRequestParameter\": null}", LongPollingRequestParameters.class, "longPollingRequestParameters"),
        Arguments.of("{\"longPollingRequestParameters\": 5}", LongPollingRequestParameters.class, "longPollingRequestParameters"),
        Arguments.of("{\"connAck\": null}", ConnCheck.class, "connCheck"),
        Arguments.of("{\"connCheck\": null}", ConnAck.class, "connAck"),
        Arguments.of("{\"notificationChannel\": {}}", NotificationChannelList.class, "notificationChannelList"),
        Arguments.of("{\"serviceException\": {}}", RequestError.class, "requestError"),
        Arguments.of("{\"requestError\": {}}", RequestError.class, "requestError"),
        Arguments.of("{\"requestError\": {\"serviceException\": {}, \"policyException\": {}}}", RequestError.class, "requestError"));
  }

  @ParameterizedTest
  @MethodSource("wrongRoots")
  void wrongRootJson(String body, Class<?> type, String part) {
    assertInvalidPart(body, MediaFormat.JSON, type, part);
  }

  @Test
  void wrongRootXml() {
    assertInvalidPart("<nc:notificationChannelLifetime xmlns:nc=\"urn:x\"/>", MediaFormat.XML, NotificationChannel.class, "notificationChannel");
    assertInvalidPart("<notificationChannel>text</notificationChannel>", MediaFormat.XML, NotificationChannel.class, "notificationChannel");
    assertInvalidPart("<connCheck/>", MediaFormat.XML, ConnAck.class, "connAck");
    assertInvalidPart("<longPollingRequestParameters>x</longPollingRequestParameters>", MediaFormat.XML, LongPollingRequestParameters.class,
        "longPollingRequestParameters");
  }

  /** {member JSON inside a WebSockets/LongPolling/OMAPush channel, expected part}. */
  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("\"channelLifetime\": \"abc\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": {}", "channelLifetime"),
        Arguments.of("\"channelLifetime\": []", "channelLifetime"),
        Arguments.of("\"channelLifetime\": 1.5", "channelLifetime"),
        Arguments.of("\"channelLifetime\": 1.0", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"1.5\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": true", "channelLifetime"),
        Arguments.of("\"channelLifetime\": 2147483648", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"2147483648\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": 99999999999999999999999", "channelLifetime"),
        Arguments.of("\"channelLifetime\": -1", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"-1\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"+\"", "channelLifetime"),
        Arguments.of("\"channelLifetime\": \"0x10\"", "channelLifetime"),
        Arguments.of("\"clientCorrelator\": {}", "clientCorrelator"),
        Arguments.of("\"applicationTag\": [\"a\"]", "applicationTag"),
        Arguments.of("\"callbackURL\": {}", "callbackURL"),
        Arguments.of("\"resourceURL\": []", "resourceURL"),
        Arguments.of("\"channelData\": \"x\"", "channelData"),
        Arguments.of("\"channelData\": [{}]", "channelData"),
        Arguments.of("\"channelData\": {\"maxNotifications\": \"many\"}", "channelData.maxNotifications"),
        Arguments.of("\"channelData\": {\"maxNotifications\": -5}", "channelData.maxNotifications"),
        Arguments.of("\"channelData\": {\"channelURL\": {}}", "channelData.channelURL"));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void wrongTypeJson(String member, String part) {
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"WebSockets\", " + member + "}}",
        MediaFormat.JSON, NotificationChannel.class, part);
  }

  @Test
  void wrongTypesInVariantsAndOtherRoots() {
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"LongPolling\", \"channelData\": {\"maxWaitTime\": \"soon\"}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.maxWaitTime");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"OMAPush\", \"channelData\": {\"largeDataPolling\": {\"pollingEnabled\": \"yes\"}}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.largeDataPolling.pollingEnabled");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"OMAPush\", \"channelData\": {\"largeDataPolling\": {\"pollingEnabled\": 2}}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.largeDataPolling.pollingEnabled");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"NativeChannel\", \"channelData\": {\"largeDataPolling\": {\"maxPollingNotifications\": 1e3}}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.largeDataPolling.maxPollingNotifications");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"NativeChannel\", \"channelData\": {\"largeDataPolling\": 1}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.largeDataPolling");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"NativeChannel\", \"channelData\": {\"registrationToken\": []}}}",
        MediaFormat.JSON, NotificationChannel.class, "channelData.registrationToken");
    assertInvalidPart("{\"notificationChannelLifetime\": {\"channelLifetime\": \"abc\"}}", MediaFormat.JSON, NotificationChannelLifetime.class, "channelLifetime");
    assertInvalidPart("{\"connCheck\": {\"checkInterval\": -1}}", MediaFormat.JSON, ConnCheck.class, "checkInterval");
    assertInvalidPart("{\"connCheck\": {\"newChannelLifetime\": \"x\"}}", MediaFormat.JSON, ConnCheck.class, "newChannelLifetime");
    assertInvalidPart("{\"connAck\": {\"channelLifetime\": {}}}", MediaFormat.JSON, ConnAck.class, "channelLifetime");
    assertInvalidPart("{\"notificationChannelList\": {\"notificationChannel\": [{\"channelType\": \"WebSockets\", \"channelLifetime\": \"x\"}]}}",
        MediaFormat.JSON, NotificationChannelList.class, "notificationChannel.channelLifetime");
    assertInvalidPart("{\"notificationChannelList\": {\"notificationChannel\": [5]}}", MediaFormat.JSON, NotificationChannelList.class, "notificationChannel");
    assertInvalidPart("{\"requestError\": {\"serviceException\": {\"variables\": [{}]}}}", MediaFormat.JSON, RequestError.class,
        "serviceException.variables");
  }

  @Test
  void wrongTypeXml() {
    String prefix = "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"><channelType>LongPolling</channelType>";
    String suffix = "</nc:notificationChannel>";
    assertInvalidPart(prefix + "<channelLifetime>abc</channelLifetime>" + suffix, MediaFormat.XML, NotificationChannel.class, "channelLifetime");
    assertInvalidPart(prefix + "<channelLifetime>1</channelLifetime><channelLifetime>2</channelLifetime>" + suffix,
        MediaFormat.XML, NotificationChannel.class, "channelLifetime");
    assertInvalidPart(prefix + "<channelLifetime><x>1</x></channelLifetime>" + suffix, MediaFormat.XML, NotificationChannel.class, "channelLifetime");
    assertInvalidPart(prefix + "<channelLifetime unit=\"s\">1</channelLifetime>" + suffix, MediaFormat.XML, NotificationChannel.class, "channelLifetime");
    assertInvalidPart(prefix + "<channelData><maxWaitTime>-3</maxWaitTime></channelData>" + suffix,
        MediaFormat.XML, NotificationChannel.class, "channelData.maxWaitTime");
    assertInvalidPart(prefix + "<channelData>text</channelData>" + suffix, MediaFormat.XML, NotificationChannel.class, "channelData");
  }

  @Test
  void missingChannelType() {
    assertInvalidPart("{\"notificationChannel\": {\"clientCorrelator\": \"1\"}}", MediaFormat.JSON, NotificationChannel.class, "channelType");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": null}}", MediaFormat.JSON, NotificationChannel.class, "channelType");
    assertInvalidPart("{\"notificationChannel\": null}", MediaFormat.JSON, NotificationChannel.class, "channelType");
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": {}}}", MediaFormat.JSON, NotificationChannel.class, "channelType");
    assertInvalidPart("<notificationChannel><clientCorrelator>1</clientCorrelator></notificationChannel>", MediaFormat.XML,
        NotificationChannel.class, "channelType");
    assertInvalidPart("<notificationChannel><channelType/></notificationChannel>", MediaFormat.XML, NotificationChannel.class, "channelType");
  }

  @ParameterizedTest
  @ValueSource(strings = {"websockets", "WebSocket", " WebSockets", "GCM", "", "5"})
  void unknownChannelType(String value) {
    assertError(readFails("{\"notificationChannel\": {\"channelType\": \"" + value + "\"}}", MediaFormat.JSON, NotificationChannel.class),
        "SVC0003", "channelType", VALID_TYPES);
  }

  @Test
  void unknownChannelTypeXmlAndNumber() {
    assertError(readFails("<notificationChannel><channelType>Push</channelType></notificationChannel>", MediaFormat.XML, NotificationChannel.class),
        "SVC0003", "channelType", VALID_TYPES);
    assertError(readFails("{\"notificationChannel\": {\"channelType\": 7}}", MediaFormat.JSON, NotificationChannel.class),
        "SVC0003", "channelType", VALID_TYPES);
  }

  @Test
  void truncatedJson() {
    String body = SpecExamples.CREATE_WEBSOCKETS.trim();
    for (int length = 0; length < body.length(); length++) {
      assertMalformed(body.substring(0, length), MediaFormat.JSON, NotificationChannel.class);
    }
    assertMalformed(SpecExamples.REFRESH_LIFETIME.trim().substring(0, 30), MediaFormat.JSON, NotificationChannelLifetime.class);
  }

  @Test
  void truncatedXml() {
    String body = SpecExamples.XML_CREATE_WEBSOCKETS.trim();
    for (int length = 0; length < body.length(); length++) {
      assertMalformed(body.substring(0, length), MediaFormat.XML, NotificationChannel.class);
    }
  }

  @Test
  void emptyBodies() {
    for (Class<?> type : List.of(NotificationChannel.class, NotificationChannelLifetime.class, ConnCheck.class, ConnAck.class, NotificationList.class)) {
      assertMalformed("", MediaFormat.JSON, type);
      assertMalformed("  \n", MediaFormat.JSON, type);
      assertMalformed("", MediaFormat.XML, type);
    }
    assertInvalidPart("", MediaFormat.FORM, NotificationChannel.class, "channelType");
  }

  @Test
  void notJsonOrXmlAtAll() {
    assertMalformed("{notificationChannel: {}}", MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{'notificationChannel': {}}", MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("<notificationChannel/>", MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{\"notificationChannel\": {}} {}", MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{\"notificationChannel\": {}} x", MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelType\": \"LongPolling\"}}", MediaFormat.JSON,
        NotificationChannel.class);
    assertMalformed("{\"notificationChannel\": {}}", MediaFormat.XML, NotificationChannel.class);
    assertMalformed("<notificationChannel></notificationchannel>", MediaFormat.XML, NotificationChannel.class);
    assertMalformed("<notificationChannel/><notificationChannel/>", MediaFormat.XML, NotificationChannel.class);
    assertMalformed("<notificationChannel/>trailing", MediaFormat.XML, NotificationChannel.class);
    assertMalformed("<a>&undeclared;</a>", MediaFormat.XML, NotificationChannel.class);
  }

  @Test
  void badEncodings() {
    byte[] json = utf8("{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"clientCorrelator\": \"ab\"}}");
    json[json.length - 5] = (byte) 0xC3; // a lead byte followed by '"', not a continuation byte
    assertMalformed(json, MediaFormat.JSON, NotificationChannel.class);
    byte[] xml = utf8("<notificationChannel><channelType>WebSockets</channelType><clientCorrelator>ab</clientCorrelator></notificationChannel>");
    xml[xml.length - 42] = (byte) 0xFF;
    assertMalformed(xml, MediaFormat.XML, NotificationChannel.class);
    byte[] utf16 = "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}".getBytes(StandardCharsets.UTF_16);
    assertMalformed(utf16, MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}".getBytes(StandardCharsets.UTF_16LE),
        MediaFormat.JSON, NotificationChannel.class);
  }

  @Test
  void doctypeIsRejected() {
    assertMalformed("<!DOCTYPE notificationChannel><notificationChannel><channelType>WebSockets</channelType></notificationChannel>",
        MediaFormat.XML, NotificationChannel.class);
  }

  @Test
  void externalEntityIsNeverRead() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE notificationChannel [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<notificationChannel><channelType>WebSockets</channelType><clientCorrelator>&xxe;</clientCorrelator></notificationChannel>";
    for (Class<?> type : List.of(NotificationChannel.class, NotificationList.class)) {
      RequestError error = readFails(xxe, MediaFormat.XML, type);
      assertError(error, "SVC0001", "malformed XML body");
    }
    InvalidBodyException e = assertThrows(InvalidBodyException.class, () -> CODEC.read(utf8(xxe), MediaFormat.XML, NotificationChannel.class));
    assertFalse(e.getMessage().contains("root:"), e.getMessage());
  }

  @Test
  void billionLaughsIsNeverExpanded() {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      b.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    b.append("]><notificationChannel><channelType>WebSockets</channelType><clientCorrelator>&lol9;</clientCorrelator></notificationChannel>");
    for (Class<?> type : List.of(NotificationChannel.class, NotificationList.class)) {
      assertMalformed(b.toString(), MediaFormat.XML, type);
    }
  }

  @Test
  void nestingDepth100() {
    String deepJson = "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"x\": " + "{\"a\": ".repeat(100) + "1"
        + "}".repeat(100) + "}}";
    assertMalformed(deepJson, MediaFormat.JSON, NotificationChannel.class);
    assertMalformed("{\"notificationList\": [{\"n\": " + "[".repeat(100) + "]".repeat(100) + "}]}", MediaFormat.JSON, NotificationList.class);
    String deepXml = "<notificationChannel><channelType>WebSockets</channelType>" + "<a>".repeat(100) + "</a>".repeat(100)
        + "</notificationChannel>";
    assertMalformed(deepXml, MediaFormat.XML, NotificationChannel.class);
    assertMalformed("<notificationList>" + "<a>".repeat(100) + "</a>".repeat(100) + "</notificationList>", MediaFormat.XML, NotificationList.class);
    assertMalformed("<a>".repeat(100) + "</a>".repeat(100), MediaFormat.XML, NotificationList.class);
  }

  @Test
  void nestingDepth60IsFine() throws Exception {
    String json = "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"x\": " + "[".repeat(60) + "]".repeat(60) + "}}";
    assertEquals(ChannelType.WebSockets, CODEC.read(utf8(json), MediaFormat.JSON, NotificationChannel.class).channelType());
    String xml = "<notificationList>" + "<a>".repeat(60) + "</a>".repeat(60) + "</notificationList>";
    assertEquals(1, CODEC.read(utf8(xml), MediaFormat.XML, NotificationList.class).notifications().size());
  }

  @Test
  void hugeNumbersAreRefusedByTheParserLimits() {
    assertMalformed("{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelLifetime\": " + "9".repeat(2000) + "}}",
        MediaFormat.JSON, NotificationChannel.class);
    assertInvalidPart("{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelLifetime\": \"" + "9".repeat(2000) + "\"}}",
        MediaFormat.JSON, NotificationChannel.class, "channelLifetime");
  }

  @Test
  void messagesCarryNoParserInternals() {
    InvalidBodyException e = assertThrows(InvalidBodyException.class,
        () -> CODEC.read(utf8("{\"notificationChannel\": "), MediaFormat.JSON, NotificationChannel.class));
    assertEquals("SVC0001: A service error occurred. Error code is malformed JSON body", e.getMessage());
    assertEquals(0, e.getStackTrace().length);
    InvalidBodyException part = assertThrows(InvalidBodyException.class,
        () -> CODEC.read(utf8("{\"notificationChannel\": {\"channelType\": \"x\"}}"), MediaFormat.JSON, NotificationChannel.class));
    assertEquals("SVC0003: Invalid input value for message part channelType, valid values are " + VALID_TYPES, part.getMessage());
  }

  @Test
  void programmingErrorsAreIllegalArguments() {
    byte[] body = utf8("{}");
    assertThrows(IllegalArgumentException.class, () -> CODEC.read(body, MediaFormat.FORM, NotificationChannelLifetime.class));
    assertThrows(IllegalArgumentException.class, () -> CODEC.read(body, MediaFormat.FORM, NotificationList.class));
    assertThrows(IllegalArgumentException.class, () -> CODEC.read(body, MediaFormat.JSON, String.class));
    assertThrows(IllegalArgumentException.class, () -> CODEC.read(body, MediaFormat.JSON, ServiceException.class));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write(new NotificationChannelLifetime(1), MediaFormat.FORM));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write("text", MediaFormat.JSON));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write(new CallbackReference("u", null, null), MediaFormat.XML));
  }
}

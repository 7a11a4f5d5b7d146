package io.pushgate.model;

import static io.pushgate.model.Support.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records and enums themselves. */
class ModelTest {

  @Test
  void channelTypeParseIsExact() {
    assertEquals(Optional.of(ChannelType.WebSockets), ChannelType.parse("WebSockets"));
    assertEquals(Optional.of(ChannelType.OMAPush), ChannelType.parse("OMAPush"));
    assertEquals(Optional.empty(), ChannelType.parse("websockets"));
    assertEquals(Optional.empty(), ChannelType.parse("WebSockets "));
    assertEquals(Optional.empty(), ChannelType.parse(null));
  }

  @Test
  void mediaTypes() {
    assertEquals("application/json", MediaFormat.JSON.mediaType());
    assertEquals("application/xml", MediaFormat.XML.mediaType());
    assertEquals("application/x-www-form-urlencoded", MediaFormat.FORM.mediaType());
  }

  @Test
  void listsAreCopied() {
    List<String> variables = new ArrayList<>(List.of("a"));
    ServiceException e = new ServiceException("SVC0001", "t", variables);
    variables.add("b");
    assertEquals(List.of("a"), e.variables());
    assertThrows(UnsupportedOperationException.class, () -> e.variables().add("c"));
    assertEquals(List.of(), new PolicyException("POL0001", "t", null).variables());
    assertEquals(List.of(), new NotificationChannelList(null, "r").notificationChannel());
    assertEquals(List.of(), new NotificationList(null).notifications());
  }

  @Test
  void errorTexts() {
    assertEquals(new ServiceException("SVC0001", "A service error occurred. Error code is %1", List.of("d")), ServiceException.serviceError("d"));
    assertEquals(new ServiceException("SVC0002", "Invalid input value for message part %1", List.of("p")), ServiceException.invalidInput("p"));
    assertEquals(new ServiceException("SVC0003", "Invalid input value for message part %1, valid values are %2", List.of("p", "v")),
        ServiceException.invalidInputValue("p", "v"));
    assertEquals(new ServiceException("SVC0005", "Correlator %1 specified in message part %2 is a duplicate", List.of("c", "p")),
        ServiceException.duplicateCorrelator("c", "p"));
    assertEquals(new ServiceException("SVC1012", "Simultaneous channel requests not supported", List.of()), ServiceException.simultaneousRequests());
    assertEquals(new PolicyException("POL0001", "A policy error occurred. Error code is %1", List.of("d")), PolicyException.policyError("d"));
    assertEquals(new PolicyException("POL1023", "Notification channel type %1 not supported. Supported types: %2.", List.of("LongPolling", "WebSockets")),
        PolicyException.channelTypeNotSupported("LongPolling", "WebSockets"));
    assertEquals(new PolicyException("POL2006", "Requested feature %1 is not available", List.of("LargeDataPolling")),
        PolicyException.featureNotAvailable("LargeDataPolling"));
  }

  @Test
  void invalidBodyExceptionDescribesItsError() {
    InvalidBodyException e = new InvalidBodyException(ServiceException.invalidInputValue("channelType", "A, B"));
    assertEquals("SVC0003: Invalid input value for message part channelType, valid values are A, B", e.getMessage());
    assertEquals("SVC0003", e.error().messageId());
  }

  @Test
  void rawNotificationComparesContent() {
    RawNotification a = new RawNotification("n", MediaFormat.JSON, utf8("{\"n\":{}}"));
    RawNotification b = new RawNotification("n", MediaFormat.JSON, utf8("{\"n\":{}}"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("RawNotification[rootName=n, format=JSON, body={\"n\":{}}]", a.toString());
    assertNotEquals(a, new RawNotification("n", MediaFormat.JSON, utf8("{\"n\":{ }}")));
    assertNotEquals(a, new RawNotification("n", MediaFormat.XML, utf8("{\"n\":{}}")));
    assertNotEquals(a, new RawNotification("m", MediaFormat.JSON, utf8("{\"n\":{}}")));
    assertThrows(IllegalArgumentException.class, () -> new RawNotification("n", MediaFormat.FORM, new byte[0]));
    assertThrows(NullPointerException.class, () -> new RawNotification("n", MediaFormat.JSON, null));
  }
}

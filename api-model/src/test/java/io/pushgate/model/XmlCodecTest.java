package io.pushgate.model;

import static io.pushgate.model.SpecExamples.*;
import static io.pushgate.model.Support.CODEC;
import static io.pushgate.model.Support.read;
import static io.pushgate.model.Support.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** XML: the digest §4.4 examples, write/read round trips, and the written document's shape. */
class XmlCodecTest {
  private static final String NC = "urn:oma:xml:rest:netapi:notificationchannel:1";
  private static final String COMMON = "urn:oma:xml:rest:netapi:common:1";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  @Test
  void createWebSocketsRequest() throws Exception {
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.WebSockets, new WebSocketsData(null, 5), 7200, null, null),
        read(XML_CREATE_WEBSOCKETS, MediaFormat.XML, NotificationChannel.class));
  }

  @Test
  void createdWebSocketsResponse() throws Exception {
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.WebSockets,
            new WebSocketsData("ws://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch378/ws", 5),
            3600, "http://example.com/callBackUrl/cbu112", U + "/channels/ch378"),
        read(XML_CREATED_WEBSOCKETS, MediaFormat.XML, NotificationChannel.class));
  }

  @Test
  void emptyElements() throws Exception {
    assertEquals(new LongPollingRequestParameters(), read(XML_LONG_POLL, MediaFormat.XML, LongPollingRequestParameters.class));
    assertEquals(List.of(), read(XML_EMPTY_LIST, MediaFormat.XML, NotificationList.class).notifications());
    assertEquals(new NotificationChannelLifetime(1724), read(XML_REMAINING_LIFETIME, MediaFormat.XML, NotificationChannelLifetime.class));
    assertEquals(new NotificationChannelLifetime(null), read(
        "<nc:notificationChannelLifetime xmlns:nc=\"" + NC + "\"/>", MediaFormat.XML, NotificationChannelLifetime.class));
    assertEquals(new ConnAck(null), read("<connAck>\n  </connAck>", MediaFormat.XML, ConnAck.class));
  }

  @Test
  void xsiTypeIsIgnoredInFavourOfChannelType() throws Exception {
    String body = "<nc:notificationChannel xmlns:nc=\"" + NC + "\" xmlns:xsi=\"" + XSI + "\"><channelType>WebSockets</channelType>"
        + "<channelData xsi:type=\"nc:OMAPushData\"><appId>a</appId><maxNotifications>3</maxNotifications></channelData>"
        + "</nc:notificationChannel>";
    assertEquals(new WebSocketsData(null, 3), read(body, MediaFormat.XML, NotificationChannel.class).channelData());
  }

  @Test
  void rootMayUseAnyNamespaceAndPrefix() throws Exception {
    NotificationChannelLifetime expected = new NotificationChannelLifetime(5);
    assertEquals(expected, read("<notificationChannelLifetime><channelLifetime>5</channelLifetime></notificationChannelLifetime>",
        MediaFormat.XML, NotificationChannelLifetime.class));
    assertEquals(expected, read("<notificationChannelLifetime xmlns=\"" + NC + "\"><channelLifetime>5</channelLifetime></notificationChannelLifetime>",
        MediaFormat.XML, NotificationChannelLifetime.class));
    assertEquals(expected, read("<?xml version=\"1.0\"?><!-- c --><x:notificationChannelLifetime xmlns:x=\"urn:other\">"
        + "<channelLifetime> 5 </channelLifetime></x:notificationChannelLifetime>", MediaFormat.XML, NotificationChannelLifetime.class));
  }

  static Stream<Object> models() {
    LargeDataPolling ldp = new LargeDataPolling(true, 10);
    List<Object> models = new ArrayList<>(List.of(
        new NotificationChannel("c<1>&", "tag \"x\"", ChannelType.LongPolling, new LongPollingData("http://h/p?a=1&b=2", 1, 0), 0, "cb", "res"),
        new NotificationChannel(null, null, ChannelType.WebSockets, new WebSocketsData("ws://h/ws", 5), 3600, "cb", "res"),
        new NotificationChannel("é ✓", null, ChannelType.OMAPush, new OMAPushData("x-wap-application:wml.ua", 1, ldp), null, null, null),
        new NotificationChannel(null, "t", ChannelType.NativeChannel, new NativeChannelData("GCM", "tok", "1.0", 1, ldp), 7, null, "r"),
        new NotificationChannel(null, null, ChannelType.OMAPush, new OMAPushData(null, null, new LargeDataPolling(false, null)), null, null, null),
        new NotificationChannel(null, null, ChannelType.WebSockets, null, null, null, null),
        new NotificationChannelList(List.of(), "list"),
        new NotificationChannelLifetime(1724),
        new NotificationChannelLifetime(null),
        new LongPollingRequestParameters(),
        new ConnCheck(60, 3600),
        new ConnCheck(null, null),
        new ConnAck(3600),
        new ConnAck(null),
        ServiceException.simultaneousRequests(),
        ServiceException.invalidInput("channelLifetime"),
        ServiceException.invalidInputValue("channelType", "LongPolling, OMAPush, WebSockets, NativeChannel"),
        ServiceException.duplicateCorrelator("123", "clientCorrelator"),
        ServiceException.serviceError("malformed XML body"),
        PolicyException.policyError("too many channels"),
        PolicyException.channelTypeNotSupported("LongPolling", "OMAPush, WebSockets"),
        PolicyException.featureNotAvailable("LargeDataPolling")));
    List<NotificationChannel> channels = new ArrayList<>();
    for (Object m : List.copyOf(models)) {
      if (m instanceof NotificationChannel c) {
        channels.add(c);
        models.add(new NotificationChannelList(List.copyOf(channels), "list" + channels.size()));
      }
    }
    return models.stream();
  }

  @ParameterizedTest
  @MethodSource("models")
  void writtenXmlReadsBackEqual(Object model) throws Exception {
    byte[] xml = CODEC.write(model, MediaFormat.XML);
    Class<?> type = model instanceof RequestError ? RequestError.class : model.getClass();
    assertEquals(model, CODEC.read(xml, MediaFormat.XML, type), () -> text(xml));
    assertTrue(text(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><"), () -> text(xml));
  }

  @ParameterizedTest
  @MethodSource("models")
  void writtenJsonReadsBackEqual(Object model) throws Exception {
    byte[] json = CODEC.write(model, MediaFormat.JSON);
    Class<?> type = model instanceof RequestError ? RequestError.class : model.getClass();
    assertEquals(model, CODEC.read(json, MediaFormat.JSON, type), () -> text(json));
  }

  @Test
  void channelShape() throws Exception {
    NotificationChannel channel = new NotificationChannel("987", "myApp", ChannelType.WebSockets,
        new WebSocketsData("ws://h/ws", 5), 3600, "cb", "res");
    Element root = dom(CODEC.write(channel, MediaFormat.XML));
    assertEquals("nc", root.getPrefix());
    assertEquals(NC, root.getNamespaceURI());
    assertEquals("notificationChannel", root.getLocalName());
    assertEquals(XSI, root.getAttribute("xmlns:xsi"));
    assertEquals(List.of("clientCorrelator", "applicationTag", "channelType", "channelData", "channelLifetime",
        "callbackURL", "resourceURL"), childNames(root));
    for (Element child : children(root)) {
      assertNull(child.getNamespaceURI(), "children are unqualified");
    }
    Element data = children(root).get(3);
    assertEquals("nc:WebSocketsData", data.getAttributeNS(XSI, "type"));
    assertEquals(List.of("channelURL", "maxNotifications"), childNames(data));
    assertEquals("5", children(data).get(1).getTextContent());
  }

  @Test
  void channelDataTypesAndOrder() throws Exception {
    assertEquals("nc:LongPollingData", dataOf(new LongPollingData("u", 1, 2)).getAttributeNS(XSI, "type"));
    assertEquals(List.of("channelURL", "maxNotifications", "maxWaitTime"), childNames(dataOf(new LongPollingData("u", 1, 2))));
    Element omaPush = dataOf(new OMAPushData("a", 1, new LargeDataPolling(true, 2)));
    assertEquals("nc:OMAPushData", omaPush.getAttributeNS(XSI, "type"));
    assertEquals(List.of("appId", "maxNotifications", "largeDataPolling"), childNames(omaPush));
    assertEquals(List.of("pollingEnabled", "maxPollingNotifications"), childNames(children(omaPush).get(2)));
    Element nativeData = dataOf(new NativeChannelData("GCM", "t", "1", 1, null));
    assertEquals("nc:NativeChannelData", nativeData.getAttributeNS(XSI, "type"));
    assertEquals(List.of("channelSubType", "registrationToken", "channelSubTypeVersion", "maxNotifications"), childNames(nativeData));
  }

  @Test
  void listShape() throws Exception {
    NotificationChannel a = new NotificationChannel("1", null, ChannelType.WebSockets, new WebSocketsData("ws://a", 1), 1, "cb1", "r1");
    NotificationChannel b = new NotificationChannel("2", null, ChannelType.LongPolling, new LongPollingData("http://b", 2, null), 2, "cb2", "r2");
    Element root = dom(CODEC.write(new NotificationChannelList(List.of(a, b), "list"), MediaFormat.XML));
    assertEquals("nc:notificationChannelList", root.getTagName());
    assertEquals(NC, root.getNamespaceURI());
    assertEquals(List.of("notificationChannel", "notificationChannel", "resourceURL"), childNames(root));
    assertNull(children(root).get(0).getNamespaceURI());
    assertEquals("nc:LongPollingData", children(children(root).get(1)).get(2).getAttributeNS(XSI, "type"));
  }

  @Test
  void errorShape() throws Exception {
    Element root = dom(CODEC.write(PolicyException.channelTypeNotSupported("LongPolling", "OMAPush, WebSockets"), MediaFormat.XML));
    assertEquals("common:requestError", root.getTagName());
    assertEquals(COMMON, root.getNamespaceURI());
    Element exception = children(root).get(0);
    assertEquals("policyException", exception.getTagName());
    assertNull(exception.getNamespaceURI());
    assertEquals(List.of("messageId", "text", "variables", "variables"), childNames(exception));
    assertEquals("OMAPush, WebSockets", children(exception).get(3).getTextContent());
    String service = text(CODEC.write(ServiceException.simultaneousRequests(), MediaFormat.XML));
    assertTrue(service.contains("<common:requestError xmlns:common=\"" + COMMON + "\"><serviceException><messageId>SVC1012</messageId>"
        + "<text>Simultaneous channel requests not supported</text></serviceException></common:requestError>"), service);
  }

  @Test
  void emptyRootsAreEmptyElements() {
    String lifetime = text(CODEC.write(new NotificationChannelLifetime(null), MediaFormat.XML));
    assertTrue(lifetime.endsWith("<nc:notificationChannelLifetime xmlns:nc=\"" + NC + "\"/>"), lifetime);
    String lifetimeSet = text(CODEC.write(new NotificationChannelLifetime(1724), MediaFormat.XML));
    assertTrue(lifetimeSet.endsWith("<nc:notificationChannelLifetime xmlns:nc=\"" + NC + "\"><channelLifetime>1724</channelLifetime>"
        + "</nc:notificationChannelLifetime>"), lifetimeSet);
  }

  @Test
  void charactersXmlCannotCarryAreReplaced() throws Exception {
    NotificationChannel c = new NotificationChannel("a\u0001b\uD800", null, ChannelType.WebSockets, null, null, null, null);
    assertEquals("a\uFFFDb\uFFFD", read(text(CODEC.write(c, MediaFormat.XML)), MediaFormat.XML, NotificationChannel.class).clientCorrelator());
  }

  private static Element dataOf(ChannelData data) throws Exception {
    ChannelType type = data instanceof LongPollingData ? ChannelType.LongPolling
        : data instanceof OMAPushData ? ChannelType.OMAPush : ChannelType.NativeChannel;
    Element root = dom(CODEC.write(new NotificationChannel(null, null, type, data, null, null, null), MediaFormat.XML));
    return children(root).get(1);
  }

  static Element dom(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
  }

  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        out.add(child);
      }
    }
    return out;
  }

  private static List<String> childNames(Element e) {
    return children(e).stream().map(Element::getTagName).toList();
  }
}

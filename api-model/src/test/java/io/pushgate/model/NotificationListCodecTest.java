package io.pushgate.model;

import static io.pushgate.model.Support.CODEC;
import static io.pushgate.model.Support.assertInvalidPart;
import static io.pushgate.model.Support.assertMalformed;
import static io.pushgate.model.Support.read;
import static io.pushgate.model.Support.text;
import static io.pushgate.model.Support.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** An enabler's notification POST (ingress) and the delivered notificationList (egress). */
class NotificationListCodecTest {
  private static final String NC = "urn:oma:xml:rest:netapi:notificationchannel:1";
  private static final String MOVIE = "{\"movieNotification\" :  {\"callbackData\": \"abc\",\n  \"movie\": {\"id\": \"m42\", \"title\": \"caf\u00e9 \\\"x\\\"\"}}}";
  private static final String OTHER = "{ \"b\":{ } }";

  @Test
  void singleNotificationIsTheBodyVerbatim() throws Exception {
    List<RawNotification> read = read("\n  " + MOVIE + "  \n", MediaFormat.JSON, NotificationList.class).notifications();
    assertEquals(List.of(new RawNotification("movieNotification", MediaFormat.JSON, utf8(MOVIE))), read);
  }

  @Test
  void arrayFormKeepsEachElementVerbatim() throws Exception {
    List<RawNotification> read = read("{\"notificationList\": [ " + MOVIE + " ,\n" + OTHER + "]}", MediaFormat.JSON, NotificationList.class).notifications();
    assertEquals(2, read.size());
    assertEquals("movieNotification", read.get(0).rootName());
    assertArrayEquals(utf8(MOVIE), read.get(0).body());
    assertEquals("b", read.get(1).rootName());
    assertArrayEquals(utf8(OTHER), read.get(1).body());
  }

  @Test
  void objectFormWrapsEachMemberSlice() throws Exception {
    String body = "{\"notificationList\": {\"a\" : {\"x\": [1, 2]},  \"b\":{}, \"c\": [ {\"y\": 1}, {} ]}}";
    List<RawNotification> read = read(body, MediaFormat.JSON, NotificationList.class).notifications();
    assertEquals(List.of(
        new RawNotification("a", MediaFormat.JSON, utf8("{\"a\" : {\"x\": [1, 2]}}")),
        new RawNotification("b", MediaFormat.JSON, utf8("{\"b\":{}}")),
        new RawNotification("c", MediaFormat.JSON, utf8("{\"c\": {\"y\": 1}}")),
        new RawNotification("c", MediaFormat.JSON, utf8("{\"c\": {}}"))), read);
  }

  @Test
  void specExamplesAsIngress() throws Exception {
    List<RawNotification> one = read(SpecExamples.ONE_IN_LIST, MediaFormat.JSON, NotificationList.class).notifications();
    assertEquals(1, one.size());
    assertEquals(Support.tree(SpecExamples.PRESENCE), Support.tree(one.get(0).body()));
    List<RawNotification> several = read(SpecExamples.SEVERAL_IN_LIST, MediaFormat.JSON, NotificationList.class).notifications();
    assertEquals(List.of(Support.json(SpecExamples.INBOUND_1), Support.json(SpecExamples.INBOUND_2), Support.json(SpecExamples.PRESENCE)), several);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"notificationList\": null}", "{\"notificationList\": []}", "{\"notificationList\": {}}", "\uFEFF{\"notificationList\":null}"})
  void emptyLists(String body) throws Exception {
    assertEquals(List.of(), read(body, MediaFormat.JSON, NotificationList.class).notifications());
  }

  @Test
  void byteOrderMarkIsNotPartOfTheSlice() throws Exception {
    assertArrayEquals(utf8(OTHER), read("\uFEFF" + OTHER, MediaFormat.JSON, NotificationList.class).notifications().get(0).body());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"x\": 5}", "{\"x\": null}", "{\"x\": [{}]}", "{}", "[]", "[{\"x\": {}}]", "5", "null", "{\"a\": {}, \"b\": {}}",
      "{\"notificationList\": 5}", "{\"notificationList\": [5]}", "{\"notificationList\": [null]}", "{\"notificationList\": [{}]}",
      "{\"notificationList\": [{\"a\": 1}]}", "{\"notificationList\": [{\"a\": {}, \"b\": {}}]}", "{\"notificationList\": {\"a\": 1}}",
      "{\"notificationList\": {\"a\": [1]}}", "{\"notificationList\": null, \"x\": {}}"})
  void wrongShapes(String body) {
    assertInvalidPart(body, MediaFormat.JSON, NotificationList.class, "notificationList");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"x\": 5, ", "{\"a\": {}, \"b\": {", "{\"notificationList\": [{\"a\": {}}", "{\"a\": {}} {}", "{\"a\": {}}}", "[1, 2"})
  void malformedWinsOverWrongShape(String body) {
    assertMalformed(body, MediaFormat.JSON, NotificationList.class);
  }

  @Test
  void xmlSingleNotification() throws Exception {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m:movieNotification xmlns:m=\"urn:movies\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<callbackData>a&amp;b &lt;c&gt;</callbackData><!-- note --><m:movie id=\"m42\" xsi:type=\"m:Movie\"><![CDATA[<raw>]]></m:movie>"
        + "</m:movieNotification>";
    List<RawNotification> read = read(body, MediaFormat.XML, NotificationList.class).notifications();
    assertEquals(1, read.size());
    assertEquals("movieNotification", read.get(0).rootName());
    assertEquals(MediaFormat.XML, read.get(0).format());
    String copy = text(read.get(0).body());
    assertEquals("<m:movieNotification xmlns:m=\"urn:movies\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<callbackData>a&amp;b &lt;c></callbackData><!-- note --><m:movie id=\"m42\" xsi:type=\"m:Movie\"><![CDATA[<raw>]]></m:movie>"
        + "</m:movieNotification>", copy);
  }

  @Test
  void xmlListKeepsNamespacesDeclaredOnEachNotification() throws Exception {
    String body = "<nc:notificationList xmlns:nc=\"" + NC + "\" xmlns:pr=\"urn:oma:xml:rest:netapi:presence:1\">\n"
        + "  <pr:presenceNotification><callbackData>1234</callbackData></pr:presenceNotification>\n"
        + "  <m:movieNotification xmlns:m=\"urn:movies\" xmlns:pr=\"urn:shadow\"><pr:x/></m:movieNotification>\n"
        + "  <plain>text</plain>\n"
        + "</nc:notificationList>";
    List<RawNotification> read = read(body, MediaFormat.XML, NotificationList.class).notifications();
    assertEquals(List.of("presenceNotification", "movieNotification", "plain"), read.stream().map(RawNotification::rootName).toList());
    Element presence = XmlCodecTest.dom(read.get(0).body());
    assertEquals("urn:oma:xml:rest:netapi:presence:1", presence.getNamespaceURI());
    assertEquals("1234", presence.getTextContent());
    Element movie = XmlCodecTest.dom(read.get(1).body());
    assertEquals("urn:movies", movie.getNamespaceURI());
    assertEquals("urn:shadow", XmlCodecTest.children(movie).get(0).getNamespaceURI());
    Element plain = XmlCodecTest.dom(read.get(2).body());
    assertEquals(null, plain.getNamespaceURI());
    assertEquals("text", plain.getTextContent());
  }

  @Test
  void xmlListWithDefaultNamespace() throws Exception {
    List<RawNotification> read = read("<notificationList xmlns=\"urn:d\"><a><b/></a></notificationList>", MediaFormat.XML, NotificationList.class)
        .notifications();
    Element a = XmlCodecTest.dom(read.get(0).body());
    assertEquals("urn:d", a.getNamespaceURI());
    assertEquals("urn:d", XmlCodecTest.children(a).get(0).getNamespaceURI());
  }

  @Test
  void xmlErrors() {
    assertInvalidPart("<notificationList>stray<a/></notificationList>", MediaFormat.XML, NotificationList.class, "notificationList");
    assertMalformed("<notificationList>stray<a/>", MediaFormat.XML, NotificationList.class);
    assertMalformed("<notificationList><a></notificationList>", MediaFormat.XML, NotificationList.class);
    assertMalformed("{\"notificationList\": null}", MediaFormat.XML, NotificationList.class);
  }

  @Test
  void writesJsonAsAnArrayAlsoForOne() {
    RawNotification movie = new RawNotification("movieNotification", MediaFormat.JSON, utf8(MOVIE));
    RawNotification other = new RawNotification("b", MediaFormat.JSON, utf8(OTHER));
    assertEquals("{\"notificationList\":[" + MOVIE + "]}", text(CODEC.write(new NotificationList(List.of(movie)), MediaFormat.JSON)));
    assertEquals("{\"notificationList\":[" + MOVIE + "," + OTHER + "]}", text(CODEC.write(new NotificationList(List.of(movie, other)), MediaFormat.JSON)));
    assertEquals("{\"notificationList\":null}", text(CODEC.write(new NotificationList(List.of()), MediaFormat.JSON)));
  }

  @Test
  void jsonRoundTripIsExact() throws Exception {
    NotificationList list = read("{\"notificationList\": [ " + MOVIE + " ,\n" + OTHER + "]}", MediaFormat.JSON, NotificationList.class);
    assertEquals(list, CODEC.read(CODEC.write(list, MediaFormat.JSON), MediaFormat.JSON, NotificationList.class));
  }

  @Test
  void writesXmlByConcatenation() throws Exception {
    RawNotification a = new RawNotification("a", MediaFormat.XML, utf8("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><m:a xmlns:m=\"urn:m\">1</m:a>"));
    RawNotification b = new RawNotification("b", MediaFormat.XML, utf8("<?xml-stylesheet href=\"s\"?><b/>"));
    String written = text(CODEC.write(new NotificationList(List.of(a, b)), MediaFormat.XML));
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><nc:notificationList xmlns:nc=\"" + NC + "\">"
        + "<m:a xmlns:m=\"urn:m\">1</m:a><?xml-stylesheet href=\"s\"?><b/></nc:notificationList>", written);
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><nc:notificationList xmlns:nc=\"" + NC + "\"/>",
        text(CODEC.write(new NotificationList(null), MediaFormat.XML)));
    List<RawNotification> back = CODEC.read(utf8(written), MediaFormat.XML, NotificationList.class).notifications();
    assertEquals(List.of("a", "b"), back.stream().map(RawNotification::rootName).toList());
    assertEquals("1", XmlCodecTest.dom(back.get(0).body()).getTextContent());
  }

  @Test
  void formatsAreNotMixed() {
    RawNotification json = new RawNotification("a", MediaFormat.JSON, utf8("{\"a\":{}}"));
    RawNotification xml = new RawNotification("a", MediaFormat.XML, utf8("<a/>"));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write(new NotificationList(List.of(json)), MediaFormat.XML));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write(new NotificationList(List.of(json, xml)), MediaFormat.JSON));
    assertThrows(IllegalArgumentException.class, () -> CODEC.write(new NotificationList(List.of(json)), MediaFormat.FORM));
  }
}

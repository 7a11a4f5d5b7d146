package io.pushgate.model;

import static io.pushgate.model.Support.VALID_TYPES;
import static io.pushgate.model.Support.assertError;
import static io.pushgate.model.Support.assertInvalidPart;
import static io.pushgate.model.Support.assertMalformed;
import static io.pushgate.model.Support.read;
import static io.pushgate.model.Support.readFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** application/x-www-form-urlencoded requests (spec Appendix C). */
class FormCodecTest {

  @Test
  void c1Example() throws Exception {
    assertEquals(
        new NotificationChannel("123", "myApp", ChannelType.LongPolling, new LongPollingData(null, 1, null), 7200, null, null),
        read(SpecExamples.FORM_CREATE, MediaFormat.FORM, NotificationChannel.class));
  }

  @Test
  void omaPushWithAppId() throws Exception {
    assertEquals(
        new NotificationChannel("987", "myApp", ChannelType.OMAPush, new OMAPushData("x-wap-application:wml.ua", 1, null), 7200, null, null),
        read(SpecExamples.FORM_CREATE_OMA_PUSH, MediaFormat.FORM, NotificationChannel.class));
    assertEquals(new OMAPushData("x-wap-application:wml.ua", null, null),
        read("channelType=OMAPush&appId=x-wap-application%3Awml.ua", MediaFormat.FORM, NotificationChannel.class).channelData());
  }

  @Test
  void channelDataFollowsTheChannelType() throws Exception {
    assertEquals(new LongPollingData(null, null, 0),
        read("channelType=LongPolling&maxWaitTime=0", MediaFormat.FORM, NotificationChannel.class).channelData());
    assertEquals(new WebSocketsData(null, 4),
        read("channelType=WebSockets&maxNotifications=4&maxWaitTime=9&appId=x", MediaFormat.FORM, NotificationChannel.class).channelData());
    assertEquals(new NativeChannelData(null, null, null, 2, null),
        read("channelType=NativeChannel&maxNotifications=2", MediaFormat.FORM, NotificationChannel.class).channelData());
    assertNull(read("channelType=WebSockets&appId=x&maxWaitTime=3", MediaFormat.FORM, NotificationChannel.class).channelData());
    assertNull(read("channelType=LongPolling&channelLifetime=5", MediaFormat.FORM, NotificationChannel.class).channelData());
  }

  @Test
  void escapingPlusUnknownAndEmptyFields() throws Exception {
    NotificationChannel c = read("applicationTag=my+App+%C3%A9%26%3D&&unknown=1&unknown=2&clientCorrelator=&channelType=WebSockets&",
        MediaFormat.FORM, NotificationChannel.class);
    assertEquals("my App é&=", c.applicationTag());
    assertNull(c.clientCorrelator(), "an empty value counts as absent");
    assertEquals(ChannelType.WebSockets, c.channelType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"longPollingRequestParameters=", "longPollingRequestParmeters=", "", "anything&else=%20"})
  void longPollRequests(String body) throws Exception {
    assertEquals(new LongPollingRequestParameters(), read(body, MediaFormat.FORM, LongPollingRequestParameters.class));
  }

  @Test
  void errors() {
    assertInvalidPart("channelType=WebSockets&channelType=LongPolling", MediaFormat.FORM, NotificationChannel.class, "channelType");
    assertInvalidPart("channelType=WebSockets&maxNotifications=1&maxNotifications=1", MediaFormat.FORM, NotificationChannel.class, "maxNotifications");
    assertInvalidPart("channelType=WebSockets&maxNotifications=abc", MediaFormat.FORM, NotificationChannel.class, "maxNotifications");
    assertInvalidPart("channelType=WebSockets&channelLifetime=-1", MediaFormat.FORM, NotificationChannel.class, "channelLifetime");
    assertInvalidPart("channelType=LongPolling&maxWaitTime=1.5", MediaFormat.FORM, NotificationChannel.class, "maxWaitTime");
    assertInvalidPart("clientCorrelator=1", MediaFormat.FORM, NotificationChannel.class, "channelType");
    assertInvalidPart("channelType=", MediaFormat.FORM, NotificationChannel.class, "channelType");
    assertError(readFails("channelType=websockets", MediaFormat.FORM, NotificationChannel.class), "SVC0003", "channelType", VALID_TYPES);
    for (String bad : new String[] {"channelType=%zzWebSockets", "channelType=WebSockets%4", "channelType=WebSockets%", "a%C3%28=1&channelType=WebSockets"}) {
      assertMalformed(bad, MediaFormat.FORM, NotificationChannel.class);
    }
    assertMalformed("longPollingRequestParameters=%g1", MediaFormat.FORM, LongPollingRequestParameters.class);
    assertMalformed(new byte[] {'a', '=', (byte) 0xC3}, MediaFormat.FORM, LongPollingRequestParameters.class);
  }
}

package io.pushgate.model;

/** The JSON examples of the spec digest §4.3 (already corrected to valid JSON there) and its §4.4 XML. */
final class SpecExamples {
  private SpecExamples() {}

  static final String U = "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100";

  /** D.1, GET U/channels response. */
  static final String LIST_RESPONSE = """
      {"notificationChannelList": {"notificationChannel": [
        {"applicationTag": "myApp", "callbackURL": "http://example.com/callBackUrl/cbu111",
         "channelData": {"channelURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch123/notifications", "maxNotifications": "1"},
         "channelLifetime": "7200", "channelType": "LongPolling", "clientCorrelator": "123",
         "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch123"},
        {"applicationTag": "someOtherApp", "callbackURL": "http://example.com/callBackUrl/cbu222",
         "channelData": {"appId": "x-wap-application:wml.ua", "maxNotifications": "5"},
         "channelLifetime": "3600", "channelType": "OMAPush", "clientCorrelator": "987",
         "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch987"}],
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels"}}
      """;

  /** D.2 request. */
  static final String CREATE_LONG_POLLING = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"maxNotifications": "1"}, "channelLifetime": "7200", "channelType": "LongPolling", "clientCorrelator": "123"}}
      """;

  /** D.2 response. */
  static final String CREATED_LONG_POLLING = """
      {"notificationChannel": {"applicationTag": "myApp", "callbackURL": "http://example.com/callBackUrl/cbu111",
       "channelData": {"channelURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch123/notifications", "maxNotifications": "1"},
       "channelLifetime": "7200", "channelType": "LongPolling", "clientCorrelator": "123",
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch123"}}
      """;

  /** D.7 request. */
  static final String CREATE_WEBSOCKETS = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"maxNotifications": "5"}, "channelLifetime": "7200", "channelType": "WebSockets", "clientCorrelator": "987"}}
      """;

  /** D.7 response. */
  static final String CREATED_WEBSOCKETS = """
      {"notificationChannel": {"applicationTag": "myApp", "callbackURL": "http://example.com/callBackUrl/cbu112",
       "channelData": {"channelURL": "ws://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch378/ws", "maxNotifications": "5"},
       "channelLifetime": "3600", "channelType": "WebSockets", "clientCorrelator": "987",
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch378"}}
      """;

  /** D.3 request. */
  static final String CREATE_OMA_PUSH = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"appId": "x-wap-application:wml.ua", "maxNotifications": "1"}, "channelLifetime": "7200", "channelType": "OMAPush", "clientCorrelator": "987"}}
      """;

  /** D.3 response. */
  static final String CREATED_OMA_PUSH = """
      {"notificationChannel": {"applicationTag": "myApp", "callbackURL": "http://example.com/callBackUrl/cbu222",
       "channelData": {"appId": "x-wap-application:wml.ua", "maxNotifications": "1"},
       "channelLifetime": "7200", "channelType": "OMAPush", "clientCorrelator": "987",
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch987"}}
      """;

  /** D.4 request; its response is the request plus callbackURL and resourceURL. */
  static final String CREATE_OMA_PUSH_LARGE_DATA = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"appId": "x-wap-application:wml.ua", "largeDataPolling": {"maxPollingNotifications": "10", "pollingEnabled": "true"}, "maxNotifications": "1"}, "channelLifetime": "7200", "channelType": "OMAPush", "clientCorrelator": "987"}}
      """;

  /** D.5, 403 response. */
  static final String FEATURE_NOT_AVAILABLE = """
      {"requestError": {"policyException": {"messageId": "POL2006", "text": "Requested feature %1 is not available", "variables": "LargeDataPolling"}}}
      """;

  /** D.9 request. */
  static final String CREATE_NATIVE = """
      {"notificationChannel": {"applicationTag": "myApp", "channelData": {"channelSubType": "GCM", "registrationToken": "CI2k_HHwgIpoDKCIZvvDMExUdFQ3P1", "channelSubTypeVersion": "1.0", "largeDataPolling": {"maxPollingNotifications": "10", "pollingEnabled": "true"}, "maxNotifications": "1"}, "channelLifetime": "7200", "channelType": "NativeChannel", "clientCorrelator": "987"}}
      """;

  /** D.9 response. */
  static final String CREATED_NATIVE = """
      {"notificationChannel": {"applicationTag": "myApp", "callbackURL": "http://example.com/callBackUrl/cbu899",
       "channelData": {"channelSubType": "GCM", "registrationToken": "CI2k_HHwgIpoDKCIZvvDMExUdFQ3P1", "channelSubTypeVersion": "1.0", "largeDataPolling": {"maxPollingNotifications": "10", "pollingEnabled": "true"}, "maxNotifications": "1"},
       "channelLifetime": "7200", "channelType": "NativeChannel", "clientCorrelator": "987",
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch309"}}
      """;

  /** D.8 response. */
  static final String TYPE_NOT_SUPPORTED = """
      {"requestError": {"policyException": {"messageId": "POL1023", "text": "Notification channel type %1 not supported. Supported types: %2.", "variables": ["LongPolling", "OMAPush, WebSockets"]}}}
      """;

  /** D.10 response. */
  static final String READ_CHANNEL = """
      {"notificationChannel": {"applicationTag": "someOtherApp", "callbackURL": "http://example.com/callBackUrl/cbu333",
       "channelData": {"channelURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch456/notifications", "maxNotifications": "5"},
       "channelLifetime": "7200", "channelType": "LongPolling", "clientCorrelator": "456",
       "resourceURL": "http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch456"}}
      """;

  /** D.12-D.14 request. */
  static final String LONG_POLL = """
      {"longPollingRequestParameters": null}
      """;

  /** The presence notification of D.12, D.13 and D.15 (D.15 is exactly this, as a bare root). */
  static final String PRESENCE = """
      {"presenceNotification": {"callbackData": "1234", "link": {"href": "http://example.com/exampleAPI/v1/presence/tel%3A%2B19585550101/subscriptions/presenceSubscriptions/tel%3A%2B19585550100/sub001", "rel": "PresenceSubscription"}, "presence": {"person": {"mood": {"moodValue": "Happy"}}}, "presentityUserId": "tel:+19585550100", "resourceStatus": "Active"}}""";

  /** D.12 response: one notification, rendered as a list object. */
  static final String ONE_IN_LIST = """
      {"notificationList": {"presenceNotification": {"callbackData": "1234",
       "link": {"href": "http://example.com/exampleAPI/v1/presence/tel%3A%2B19585550101/subscriptions/presenceSubscriptions/tel%3A%2B19585550100/sub001", "rel": "PresenceSubscription"},
       "presence": {"person": {"mood": {"moodValue": "Happy"}}}, "presentityUserId": "tel:+19585550100", "resourceStatus": "Active"}}}
      """;

  static final String INBOUND_1 = """
      {"inboundMessageNotification": {"inboundMessage": {"destinationAddress": "tel:+19585550100", "inboundMMSMessage": {"subject": "Who is RESTing on the beach?"},
         "link": {"href": "http://example.com/exampleAPI/v1/messaging/inbound/subscriptions/sub123", "rel": "Subscription"}, "messageId": "msg123",
         "resourceURL": "http://example.com/exampleAPI/v1/messaging/inbound/registrations/reg123/messages/msg123", "senderAddress": "tel:+19585550101"}}}""";

  static final String INBOUND_2 = """
      {"inboundMessageNotification": {"inboundMessage": {"destinationAddress": "tel:+19585550100", "inboundMMSMessage": {"subject": "Who is still RESTing on the beach?"},
         "link": {"href": "http://example.com/exampleAPI/v1/messaging/inbound/subscriptions/sub123", "rel": "Subscription"}, "messageId": "msg1234",
         "resourceURL": "http://example.com/exampleAPI/v1/messaging/inbound/registrations/reg123/messages/msg1234", "senderAddress": "tel:+19585550102"}}}""";

  /** D.13 response: several notifications as an array of single-member objects. */
  static final String SEVERAL_IN_LIST = "{\"notificationList\": [\n " + INBOUND_1 + ",\n " + INBOUND_2 + ",\n " + PRESENCE + "]}\n";

  /** D.14 response. */
  static final String EMPTY_LIST = """
      {"notificationList": null}
      """;

  /** D.16 response. */
  static final String REMAINING_LIFETIME = """
      {"notificationChannelLifetime": {"channelLifetime": "1724"}}
      """;

  /** D.17 request. */
  static final String REFRESH_LIFETIME = """
      {"notificationChannelLifetime": {"channelLifetime": "7200"}}
      """;

  /** D.17 response. */
  static final String REFRESHED_LIFETIME = """
      {"notificationChannelLifetime": {"channelLifetime": "3600"}}
      """;

  /** §6.4 derived shapes: server check, client ack, client check, server ack. */
  static final String SERVER_CONN_CHECK = """
      {"connCheck": {"checkInterval": "60", "newChannelLifetime": "3600"}}
      """;
  static final String CLIENT_CONN_ACK = """
      {"connAck": null}
      """;
  static final String CLIENT_CONN_CHECK = """
      {"connCheck": null}
      """;
  static final String SERVER_CONN_ACK = """
      {"connAck": {"channelLifetime": "3600"}}
      """;

  /** §4.4: the WebSockets create request (§6.1.5.6). */
  static final String XML_CREATE_WEBSOCKETS = """
      <nc:notificationChannel xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <clientCorrelator>987</clientCorrelator><applicationTag>myApp</applicationTag><channelType>WebSockets</channelType>
        <channelData xsi:type="nc:WebSocketsData"><maxNotifications>5</maxNotifications></channelData>
        <channelLifetime>7200</channelLifetime>
      </nc:notificationChannel>
      """;

  /** §4.4: its response. */
  static final String XML_CREATED_WEBSOCKETS = """
      <nc:notificationChannel xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <clientCorrelator>987</clientCorrelator><applicationTag>myApp</applicationTag><channelType>WebSockets</channelType>
        <channelData xsi:type="nc:WebSocketsData">
          <channelURL>ws://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch378/ws</channelURL>
          <maxNotifications>5</maxNotifications></channelData>
        <channelLifetime>3600</channelLifetime>
        <callbackURL>http://example.com/callBackUrl/cbu112</callbackURL>
        <resourceURL>http://example.com/exampleAPI/notificationchannel/v1/tel%3A%2B19585550100/channels/ch378</resourceURL>
      </nc:notificationChannel>
      """;

  static final String XML_LONG_POLL = """
      <nc:longPollingRequestParameters xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1"/>
      """;

  static final String XML_EMPTY_LIST = """
      <nc:notificationList xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1"/>
      """;

  static final String XML_REMAINING_LIFETIME = """
      <nc:notificationChannelLifetime xmlns:nc="urn:oma:xml:rest:netapi:notificationchannel:1"><channelLifetime>1724</channelLifetime></nc:notificationChannelLifetime>
      """;

  /** C.1 form body. */
  static final String FORM_CREATE = "clientCorrelator=123&applicationTag=myApp&channelType=LongPolling&maxNotifications=1&channelLifetime=7200";

  /** An OMAPush create modelled on C.1.2, which sends the appId the C.1 table forgets. */
  static final String FORM_CREATE_OMA_PUSH =
      "clientCorrelator=987&applicationTag=myApp&channelType=OMAPush&appId=x-wap-application:wml.ua&maxNotifications=1&channelLifetime=7200";
}

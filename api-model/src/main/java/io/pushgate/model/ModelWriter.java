package io.pushgate.model;

import java.io.IOException;

/**
 * Writes each model type's members once, in the order of the spec's examples; null members are
 * omitted by {@link StructWriter}. Member order of a channel: clientCorrelator, applicationTag,
 * channelType, channelData, channelLifetime, callbackURL, resourceURL.
 */
final class ModelWriter {
  private ModelWriter() {}

  /** Whether {@link #write} knows the model's type. */
  static boolean supports(Object model) {
    return model instanceof NotificationChannel
        || model instanceof NotificationChannelList
        || model instanceof NotificationChannelLifetime
        || model instanceof LongPollingRequestParameters
        || model instanceof ConnCheck
        || model instanceof ConnAck
        || model instanceof RequestError;
  }

  static void write(Object model, StructWriter w) throws IOException {
    if (model instanceof NotificationChannel c) {
      w.beginRoot(Names.NOTIFICATION_CHANNEL, Names.NC, true);
      channel(c, w);
      w.endRoot();
    } else if (model instanceof NotificationChannelList l) {
      w.beginRoot(Names.NOTIFICATION_CHANNEL_LIST, Names.NC, true);
      if (!l.notificationChannel().isEmpty()) {
        w.beginList(Names.NOTIFICATION_CHANNEL);
        for (NotificationChannel c : l.notificationChannel()) {
          w.beginObject(Names.NOTIFICATION_CHANNEL, null);
          channel(c, w);
          w.endObject();
        }
        w.endList();
      }
      w.field("resourceURL", l.resourceURL());
      w.endRoot();
    } else if (model instanceof NotificationChannelLifetime l) {
      if (l.channelLifetime() == null) {
        w.emptyRoot(Names.NOTIFICATION_CHANNEL_LIFETIME, Names.NC);
      } else {
        w.beginRoot(Names.NOTIFICATION_CHANNEL_LIFETIME, Names.NC, false);
        w.field("channelLifetime", l.channelLifetime());
        w.endRoot();
      }
    } else if (model instanceof LongPollingRequestParameters) {
      w.emptyRoot(Names.LONG_POLLING_REQUEST_PARAMETERS, Names.NC);
    } else if (model instanceof ConnCheck c) {
      if (c.checkInterval() == null && c.newChannelLifetime() == null) {
        w.emptyRoot(Names.CONN_CHECK, Names.NC);
      } else {
        w.beginRoot(Names.CONN_CHECK, Names.NC, false);
        w.field("checkInterval", c.checkInterval());
        w.field("newChannelLifetime", c.newChannelLifetime());
        w.endRoot();
      }
    } else if (model instanceof ConnAck a) {
      if (a.channelLifetime() == null) {
        w.emptyRoot(Names.CONN_ACK, Names.NC);
      } else {
        w.beginRoot(Names.CONN_ACK, Names.NC, false);
        w.field("channelLifetime", a.channelLifetime());
        w.endRoot();
      }
    } else if (model instanceof RequestError e) {
      w.beginRoot(Names.REQUEST_ERROR, Names.COMMON, false);
      w.beginObject(e instanceof ServiceException ? "serviceException" : "policyException", null);
      w.field("messageId", e.messageId());
      w.field("text", e.text());
      w.list("variables", e.variables());
      w.endObject();
      w.endRoot();
    } else {
      throw new IllegalArgumentException("cannot write " + (model == null ? "null" : model.getClass().getName()));
    }
  }

  private static void channel(NotificationChannel c, StructWriter w) throws IOException {
    w.field("clientCorrelator", c.clientCorrelator());
    w.field("applicationTag", c.applicationTag());
    w.field("channelType", c.channelType());
    if (c.channelData() != null) {
      channelData(c.channelData(), w);
    }
    w.field("channelLifetime", c.channelLifetime());
    w.field("callbackURL", c.callbackURL());
    w.field("resourceURL", c.resourceURL());
  }

  private static void channelData(ChannelData data, StructWriter w) throws IOException {
    if (data instanceof LongPollingData d) {
      w.beginObject("channelData", "LongPollingData");
      w.field("channelURL", d.channelURL());
      w.field("maxNotifications", d.maxNotifications());
      w.field("maxWaitTime", d.maxWaitTime());
    } else if (data instanceof WebSocketsData d) {
      w.beginObject("channelData", "WebSocketsData");
      w.field("channelURL", d.channelURL());
      w.field("maxNotifications", d.maxNotifications());
    } else if (data instanceof OMAPushData d) {
      w.beginObject("channelData", "OMAPushData");
      w.field("appId", d.appId());
      w.field("maxNotifications", d.maxNotifications());
      largeDataPolling(d.largeDataPolling(), w);
    } else {
      NativeChannelData d = (NativeChannelData) data; // the interface is sealed
      w.beginObject("channelData", "NativeChannelData");
      w.field("channelSubType", d.channelSubType());
      w.field("registrationToken", d.registrationToken());
      w.field("channelSubTypeVersion", d.channelSubTypeVersion());
      w.field("maxNotifications", d.maxNotifications());
      largeDataPolling(d.largeDataPolling(), w);
    }
    w.endObject();
  }

  private static void largeDataPolling(LargeDataPolling l, StructWriter w) throws IOException {
    if (l != null) {
      w.beginObject("largeDataPolling", null);
      w.field("pollingEnabled", l.pollingEnabled());
      w.field("maxPollingNotifications", l.maxPollingNotifications());
      w.endObject();
    }
  }
}

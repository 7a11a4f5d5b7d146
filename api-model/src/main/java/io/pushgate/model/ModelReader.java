package io.pushgate.model;

import static io.pushgate.model.Fields.bool;
import static io.pushgate.model.Fields.count;
import static io.pushgate.model.Fields.object;
import static io.pushgate.model.Fields.sequence;
import static io.pushgate.model.Fields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a parsed tree (from JSON or XML, same shape) to the records. Message parts in errors are
 * dotted paths below the root, e.g. {@code channelData.maxNotifications}.
 */
final class ModelReader {
  private ModelReader() {}

  /** The root element name of a readable type, or null when the type cannot be read from a tree. */
  static String rootOf(Class<?> type) {
    if (type == NotificationChannel.class) {
      return Names.NOTIFICATION_CHANNEL;
    } else if (type == NotificationChannelList.class) {
      return Names.NOTIFICATION_CHANNEL_LIST;
    } else if (type == NotificationChannelLifetime.class) {
      return Names.NOTIFICATION_CHANNEL_LIFETIME;
    } else if (type == LongPollingRequestParameters.class) {
      return Names.LONG_POLLING_REQUEST_PARAMETERS;
    } else if (type == ConnCheck.class) {
      return Names.CONN_CHECK;
    } else if (type == ConnAck.class) {
      return Names.CONN_ACK;
    } else if (type == RequestError.class) {
      return Names.REQUEST_ERROR;
    } else if (type == NcAck.class) {
      return Names.NC_ACK;
    }
    return null;
  }

  /**
   * Maps a whole document of the type whose root is {@code root}.
   *
   * @param tree the parsed document: a single-member object named after the root
   */
  static Object read(JsonNode tree, String root) throws InvalidBodyException {
    if (!tree.isObject() || tree.size() != 1 || !tree.has(root)) {
      throw InvalidBodyException.invalidPart(root);
    }
    JsonNode content = contentOf(tree.get(root), root);
    switch (root) {
      case Names.NOTIFICATION_CHANNEL:
        return channel(content, "");
      case Names.NOTIFICATION_CHANNEL_LIST:
        return channelList(content);
      case Names.NOTIFICATION_CHANNEL_LIFETIME:
        return new NotificationChannelLifetime(count(content.get("channelLifetime"), "", "channelLifetime"));
      case Names.LONG_POLLING_REQUEST_PARAMETERS:
        return new LongPollingRequestParameters(); // empty in v1: anything inside is ignored
      case Names.CONN_CHECK:
        return new ConnCheck(
            count(content.get("checkInterval"), "", "checkInterval"),
            count(content.get("newChannelLifetime"), "", "newChannelLifetime"));
      case Names.CONN_ACK:
        return new ConnAck(count(content.get("channelLifetime"), "", "channelLifetime"));
      case Names.REQUEST_ERROR:
        return requestError(content);
      case Names.NC_ACK:
        return new NcAck(sequence(content.get("resumePoint"), "", "resumePoint"));
      default:
        throw new IllegalArgumentException("no reader for root " + root);
    }
  }

  /** A root's content must be an object; null (an empty element) reads as an empty one. */
  private static JsonNode contentOf(JsonNode node, String root) throws InvalidBodyException {
    JsonNode content = object(node, "", root);
    return content == null ? MissingNode.getInstance() : content; // get() on a MissingNode is null
  }

  private static NotificationChannel channel(JsonNode o, String at) throws InvalidBodyException {
    String clientCorrelator = string(o.get("clientCorrelator"), at, "clientCorrelator");
    String applicationTag = string(o.get("applicationTag"), at, "applicationTag");
    ChannelType type = channelType(string(o.get("channelType"), at, "channelType"), at);
    ChannelData data = channelData(object(o.get("channelData"), at, "channelData"), type, at);
    return new NotificationChannel(
        clientCorrelator,
        applicationTag,
        type,
        data,
        count(o.get("channelLifetime"), at, "channelLifetime"),
        string(o.get("callbackURL"), at, "callbackURL"),
        string(o.get("resourceURL"), at, "resourceURL"));
  }

  /** Missing is SVC0002; a value that is not one of the four is SVC0003 listing them. */
  static ChannelType channelType(String value, String at) throws InvalidBodyException {
    if (value == null) {
      throw InvalidBodyException.invalidPart(at, "channelType");
    }
    ChannelType type = ChannelType.parse(value).orElse(null);
    if (type == null) {
      throw new InvalidBodyException(
          ServiceException.invalidInputValue(at + "channelType", ChannelType.VALID_VALUES));
    }
    return type;
  }

  /** The variant is chosen by the channel type: JSON has no marker and xsi:type is not trusted. */
  private static ChannelData channelData(JsonNode o, ChannelType type, String at) throws InvalidBodyException {
    if (o == null) {
      return null;
    }
    String p = at + "channelData.";
    switch (type) {
      case LongPolling:
        return new LongPollingData(
            string(o.get("channelURL"), p, "channelURL"),
            count(o.get("maxNotifications"), p, "maxNotifications"),
            count(o.get("maxWaitTime"), p, "maxWaitTime"));
      case WebSockets:
        return new WebSocketsData(
            string(o.get("channelURL"), p, "channelURL"),
            count(o.get("maxNotifications"), p, "maxNotifications"));
      case OMAPush:
        return new OMAPushData(
            string(o.get("appId"), p, "appId"),
            count(o.get("maxNotifications"), p, "maxNotifications"),
            largeDataPolling(object(o.get("largeDataPolling"), p, "largeDataPolling"), p));
      case NativeChannel:
        return new NativeChannelData(
            string(o.get("channelSubType"), p, "channelSubType"),
            string(o.get("registrationToken"), p, "registrationToken"),
            string(o.get("channelSubTypeVersion"), p, "channelSubTypeVersion"),
            count(o.get("maxNotifications"), p, "maxNotifications"),
            largeDataPolling(object(o.get("largeDataPolling"), p, "largeDataPolling"), p));
      default:
        throw new IllegalStateException("unhandled channel type " + type);
    }
  }

  private static LargeDataPolling largeDataPolling(JsonNode o, String at) throws InvalidBodyException {
    if (o == null) {
      return null;
    }
    String p = at + "largeDataPolling.";
    return new LargeDataPolling(
        bool(o.get("pollingEnabled"), p, "pollingEnabled"),
        count(o.get("maxPollingNotifications"), p, "maxPollingNotifications"));
  }

  private static NotificationChannelList channelList(JsonNode o) throws InvalidBodyException {
    String at = Names.NOTIFICATION_CHANNEL + ".";
    List<JsonNode> items = Fields.items(o.get(Names.NOTIFICATION_CHANNEL));
    List<NotificationChannel> channels = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      JsonNode channel = object(item, "", Names.NOTIFICATION_CHANNEL);
      channels.add(channel(channel == null ? MissingNode.getInstance() : channel, at));
    }
    return new NotificationChannelList(channels, string(o.get("resourceURL"), "", "resourceURL"));
  }

  /** Exactly one of serviceException and policyException. */
  private static RequestError requestError(JsonNode o) throws InvalidBodyException {
    JsonNode service = object(o.get("serviceException"), "", "serviceException");
    JsonNode policy = object(o.get("policyException"), "", "policyException");
    if ((service == null) == (policy == null)) {
      throw InvalidBodyException.invalidPart(Names.REQUEST_ERROR);
    }
    String at = service != null ? "serviceException." : "policyException.";
    JsonNode e = service != null ? service : policy;
    String messageId = string(e.get("messageId"), at, "messageId");
    String text = string(e.get("text"), at, "text");
    List<String> variables = Fields.strings(e.get("variables"), at, "variables");
    return service != null
        ? new ServiceException(messageId, text, variables)
        : new PolicyException(messageId, text, variables);
  }
}

package io.pushgate.model;

import javax.xml.XMLConstants;

/** Root element names and XML namespaces, shared by the readers and writers. */
final class Names {
  static final String NC = "urn:oma:xml:rest:netapi:notificationchannel:1";
  static final String COMMON = "urn:oma:xml:rest:netapi:common:1";
  static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

  static final String NOTIFICATION_CHANNEL = "notificationChannel";
  static final String NOTIFICATION_CHANNEL_LIST = "notificationChannelList";
  static final String NOTIFICATION_CHANNEL_LIFETIME = "notificationChannelLifetime";
  static final String LONG_POLLING_REQUEST_PARAMETERS = "longPollingRequestParameters";
  static final String NOTIFICATION_LIST = "notificationList";
  static final String CONN_CHECK = "connCheck";
  static final String CONN_ACK = "connAck";
  /** Our extension: a client's confirmation of what it received (see {@link NcAck}). */
  static final String NC_ACK = "ncAck";
  static final String REQUEST_ERROR = "requestError";

  private Names() {}

  /** The prefix the spec's examples use for a namespace. */
  static String prefix(String namespace) {
    return COMMON.equals(namespace) ? "common" : "nc";
  }
}

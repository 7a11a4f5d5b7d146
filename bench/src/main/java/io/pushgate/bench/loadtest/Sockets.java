package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.client.SocketOptions;
import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.client.WireFormat;
import java.util.Map;

/**
 * The subscribers' settings every workload derives from its options (WebSockets or long polls), and how
 * a result lists them.
 */
final class Sockets {
  /** Reopening a socket the server closed: a few times, so a flapping gateway cannot loop the harness. */
  static final int RECONNECTS = 3;

  private Sockets() {}

  /** Frames hold up to maxNotifications notifications of about {@code notificationBytes} each. */
  static SocketOptions options(ClientOptions client, int notificationBytes) {
    return options(client, notificationBytes, WireFormat.NOTIFICATION_CHANNEL);
  }

  /** The same, for a server whose sockets carry {@code format}. */
  static SocketOptions options(ClientOptions client, int notificationBytes, WireFormat format) {
    long frame = (long) client.maxNotifications * (notificationBytes + 1) + 4096;
    int maxFrame = (int) Math.min(64L << 20, Math.max(64 << 10, frame * 2));
    return new SocketOptions(maxFrame, client.ackInterval.toMillis(), RECONNECTS, 10_000, format);
  }

  /** One subscriber per channel, of the type --channel-type names, its messages holding {@code notificationBytes}. */
  static SubscriberFleet fleet(RunSetup setup, int notificationBytes) {
    SocketOptions options = options(setup.client, notificationBytes, setup.server.wireFormat());
    return setup.client.channelType == ChannelType.LongPolling
        ? SubscriberFleet.longPolls(setup.transport, setup.metrics, options)
        : SubscriberFleet.webSockets(setup.transport, setup.metrics, options);
  }

  /** What the subscribers are, in progress lines and failures: "WebSockets", "long polls". */
  static String noun(ClientOptions client) {
    return client.channelType == ChannelType.LongPolling ? "long polls" : "WebSockets";
  }

  static void describe(RunSetup setup, Map<String, Object> settings) {
    ClientOptions c = setup.client;
    boolean polls = c.channelType == ChannelType.LongPolling;
    settings.put("channel type", polls ? "LongPolling (one poll after another per channel, each confirming the last "
        + "list with ?resumePoint=)" : "WebSockets");
    settings.put("max notifications per frame", setup.server.wireFormat() == WireFormat.ONE_PER_MESSAGE
        ? "1 (" + setup.server.name() + " sends one message per notification)" : c.maxNotifications);
    settings.put("ncAck interval", !setup.server.wireFormat().confirms() ? "none (" + setup.server.name()
        + " has no acknowledgements)" : polls ? "none (a poll confirms the list before it)"
        : c.ackInterval.isZero() ? "never" : DurationConverter.format(c.ackInterval));
    settings.put("http connections x depth", c.httpConnections + " x " + c.pipelineDepth);
    settings.put("server", setup.server.name() + ": " + setup.server.description());
    settings.put("drain timeout", DurationConverter.format(c.drainTimeout));
  }
}

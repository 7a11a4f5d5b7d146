package io.pushgate.bench.gateway;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.WireFormat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The server a unicast-style run measures: a pushgate gateway, or Nchan as the reference. What the
 * harness needs to know is where it listens, how channels come to be, what its sockets carry, and
 * which processes are its own (for the CPU and memory it costs). Closing it stops it when the harness started it.
 */
public interface ServerUnderTest extends AutoCloseable {
  /** Its name in reports: "pushgate" or "Nchan". */
  String name();

  /** Where it was reached or how it was started, for a result's settings. */
  String description();

  /** Its public listener, e.g. {@code http://127.0.0.1:40123}. */
  URI base();

  /** What its WebSockets carry. */
  WireFormat wireFormat();

  /**
   * Channel {@code i} of the run, for {@code i} in {@code 0 .. count-1}: where to post and where to
   * subscribe. pushgate creates them over its REST API (through {@code http}); Nchan needs nothing.
   *
   * @throws IllegalArgumentException when this server has no channels of {@code type}
   */
  List<ChannelInfo> createChannels(HttpPool http, int count, int maxNotifications, ChannelType type)
      throws InterruptedException;

  /**
   * Its processes now, by group, in the order figures show them (e.g. "gateway JVM", then "its
   * PostgreSQL"); a group that cannot be found (a gateway without a known pid) is left out.
   */
  Map<String, List<Long>> processGroups();

  /** Stops it if the harness started it. */
  @Override
  void close();

  /** The listener's socket address (resolved once). */
  default InetSocketAddress address() {
    try {
      return new InetSocketAddress(InetAddress.getByName(base().getHost()), GatewayTarget.port(base()));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in " + base() + ": " + e.getMessage(), e);
    }
  }

  /** True when it is on a loopback address (source-address binding applies only then). */
  default boolean isLoopback() {
    return address().getAddress().isLoopbackAddress();
  }
}

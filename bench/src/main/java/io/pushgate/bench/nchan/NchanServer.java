package io.pushgate.bench.nchan;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.WireFormat;
import io.pushgate.bench.gateway.ChannelInfo;
import io.pushgate.bench.gateway.ServerUnderTest;
import io.pushgate.bench.gateway.StopOnExit;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nchan as the server under test: channels that need no creation, one message per POST (so one
 * notification per ingress request), each message relayed verbatim on a plain WebSocket.
 */
public final class NchanServer implements ServerUnderTest {
  /** Nchan publishes the body of a POST as one message: no lists. */
  public static final int MAX_BATCH = 1;
  /** The process group: its CPU and memory figures carry this name. */
  public static final String NGINX = "nginx (master + workers)";

  private final NchanProcess process;
  private final String description;
  private final StopOnExit stopOnExit;

  public NchanServer(NchanProcess process, String description) {
    this.process = process;
    this.description = description;
    this.stopOnExit = StopOnExit.register(process, "bench-stop-nchan"); // a Ctrl-C must not leave nginx behind
  }

  @Override
  public String name() {
    return "Nchan";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public URI base() {
    return process.base();
  }

  @Override
  public WireFormat wireFormat() {
    return WireFormat.ONE_PER_MESSAGE;
  }

  @Override
  public List<ChannelInfo> createChannels(HttpPool http, int count, int maxNotifications, ChannelType type) {
    if (type != ChannelType.WebSockets) {
      throw new IllegalArgumentException("the harness subscribes to Nchan over WebSockets only, not " + type);
    }
    return NchanChannels.of(base(), count);
  }

  @Override
  public Map<String, List<Long>> processGroups() {
    Map<String, List<Long>> groups = new LinkedHashMap<>();
    List<Long> pids = process.pids();
    if (!pids.isEmpty()) {
      groups.put(NGINX, pids);
    }
    return groups;
  }

  @Override
  public void close() {
    process.close();
    stopOnExit.close();
  }
}

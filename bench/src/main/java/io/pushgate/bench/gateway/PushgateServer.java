package io.pushgate.bench.gateway;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.WireFormat;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pushgate gateway as the server under test: channels over its REST API, the OMA wire format. */
public final class PushgateServer implements ServerUnderTest {
  /** The largest notificationList the gateway takes in one POST (beyond it: 413). */
  public static final int MAX_BATCH = io.pushgate.gateway.dispatch.NotificationLog.MAX_BATCH;
  /** Process group names; they also name the CPU figures ("CPU cores used: gateway JVM"). */
  public static final String GATEWAY = "gateway JVM";
  public static final String DATABASE = "its PostgreSQL";

  private final GatewayTarget target;
  private final Credentials credentials;
  private final String description;

  public PushgateServer(GatewayTarget target, Credentials credentials, String description) {
    this.target = target;
    this.credentials = credentials;
    this.description = description;
  }

  public GatewayTarget target() {
    return target;
  }

  /** Its REST API through the run's HTTP pool, with the run's tokens. */
  public GatewayApi api(HttpPool http) {
    return new GatewayApi(http, target.api(), credentials);
  }

  @Override
  public String name() {
    return "pushgate";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public URI base() {
    return target.api();
  }

  @Override
  public WireFormat wireFormat() {
    return WireFormat.NOTIFICATION_CHANNEL;
  }

  @Override
  public List<ChannelInfo> createChannels(HttpPool http, int count, int maxNotifications, ChannelType type)
      throws InterruptedException {
    return api(http).createChannels(count, "bench-", maxNotifications, type);
  }

  @Override
  public Map<String, List<Long>> processGroups() {
    Map<String, List<Long>> groups = new LinkedHashMap<>();
    target.pid().ifPresent(pid -> groups.put(GATEWAY, List.of(pid)));
    target.dataDir().ifPresent(dir -> {
      List<Long> database = DatabaseProcesses.of(dir).stream().map(ProcessHandle::pid).toList();
      if (!database.isEmpty()) {
        groups.put(DATABASE, database);
      }
    });
    return groups;
  }

  @Override
  public void close() {
    target.close();
  }
}

package io.pushgate.bench.nchan;

import io.pushgate.bench.gateway.ChannelInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's channels on Nchan, which has no channel creation: a channel exists once published to or
 * subscribed to. Channel {@code i} is {@code bench-<i>}: posted to at {@code /pub/bench-<i>},
 * subscribed to at {@code ws://<host>:<port>/sub/bench-<i>} (the locations {@code scripts/nchan}
 * configures).
 */
public final class NchanChannels {
  private NchanChannels() {}

  /** Channels {@code 0 .. count-1} on the Nchan at {@code base}. */
  public static List<ChannelInfo> of(URI base, int count) {
    String host = base.getHost() + ":" + base.getPort();
    List<ChannelInfo> channels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = "bench-" + i;
      String publish = "/pub/" + id;
      channels.add(new ChannelInfo(i, id, "http://" + host + publish, publish, URI.create("ws://" + host + "/sub/" + id)));
    }
    return channels;
  }
}

package io.pushgate.gateway.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Live channels per type, as last counted in the database (at each expiry sweep). */
@Singleton
public final class ChannelCounts {
  /** The types counted: those the gateway offers. */
  public static final List<String> TYPES =
      ChannelPolicy.SUPPORTED_TYPES.stream().map(Enum::name).sorted().toList();

  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  @Inject
  ChannelCounts() {}

  public double count(String type) {
    return counts.getOrDefault(type, 0L);
  }

  void update(Map<String, Long> latest) {
    for (String type : TYPES) {
      counts.put(type, latest.getOrDefault(type, 0L));
    }
  }
}

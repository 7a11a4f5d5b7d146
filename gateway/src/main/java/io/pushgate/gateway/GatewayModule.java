package io.pushgate.gateway;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.pushgate.gateway.channel.ChannelEvents;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.model.Codec;
import jakarta.inject.Singleton;
import java.time.Clock;

/** What {@code @Inject} constructors cannot provide: library objects and interface bindings. */
@Module
interface GatewayModule {
  /** Delivery learns of deleted, expired and refreshed channels. */
  @Binds
  ChannelEvents channelEvents(LiveChannels liveChannels);

  /** The OMA codecs: thread-safe, built once. */
  @Provides
  @Singleton
  static Codec codec() {
    return Codec.create();
  }

  /** Wall-clock time for lifetimes and expiry, in UTC. */
  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }
}

package io.pushgate.gateway;

import dagger.Module;
import dagger.Provides;
import io.pushgate.model.Codec;
import jakarta.inject.Singleton;
import java.time.Clock;

/** What {@code @Inject} constructors cannot provide: library objects. */
@Module
interface GatewayModule {
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

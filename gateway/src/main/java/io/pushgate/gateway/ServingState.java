package io.pushgate.gateway;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Whether the gateway takes work: set once the listeners are bound, cleared when shutdown begins.
 * While cleared, new requests get 503 and readiness reports DOWN.
 */
@Singleton
public final class ServingState {
  private volatile boolean serving;

  @Inject
  ServingState() {}

  public boolean isServing() {
    return serving;
  }

  void set(boolean serving) {
    this.serving = serving;
  }
}

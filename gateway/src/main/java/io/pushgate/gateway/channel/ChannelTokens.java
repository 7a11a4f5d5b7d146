package io.pushgate.gateway.channel;

import java.security.SecureRandom;
import java.util.Base64;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Mints channel ids and capability tokens: 144 random bits from {@link SecureRandom} (the
 * non-blocking system source), URL-safe base64 without padding, 24 characters. Unguessable enough that
 * knowing one grants nothing about another.
 */
@Singleton
public final class ChannelTokens {
  static final int RANDOM_BYTES = 18;

  private final SecureRandom random = new SecureRandom();
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

  @Inject
  ChannelTokens() {}

  public String next() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }
}

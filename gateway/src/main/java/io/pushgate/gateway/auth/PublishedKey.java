package io.pushgate.gateway.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.HashSet;
import java.util.Set;

/**
 * One key of an identity provider's JWKS, as a verified token depends on it: its {@code kid} (null when
 * the JWKS gives none) and its RFC 7638 thumbprint, which names the key material itself. A token stays
 * good only while the same key is still published: a key the provider renames, or a {@code kid} it
 * re-uses for new material, is a different key, and the tokens the old one verified are verified again.
 */
public record PublishedKey(String kid, String thumbprint) {
  public PublishedKey {
    requireNonNull(thumbprint, "thumbprint");
  }

  /** The identity of {@code key}; its thumbprint is a SHA-256 over its public members. */
  static PublishedKey of(JWK key) {
    try {
      return new PublishedKey(key.getKeyID(), key.computeThumbprint().toString());
    } catch (JOSEException e) {
      // every key type Nimbus parses has a thumbprint; SHA-256 is in every JDK
      throw new IllegalStateException("no thumbprint for a JWKS key: " + e.getMessage(), e);
    }
  }

  /** The identities of every key in {@code keys}. */
  static Set<PublishedKey> of(JWKSet keys) {
    Set<PublishedKey> published = new HashSet<>();
    for (JWK key : keys.getKeys()) {
      published.add(of(key));
    }
    return Set.copyOf(published);
  }
}

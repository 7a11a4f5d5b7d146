package io.pushgate.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;

/**
 * The JWKS keys offered to Nimbus for one token, and from them the key that verified it, so that the
 * token's cache entry can go when that key is withdrawn. Passed to the processor as the
 * {@link SecurityContext} of one verification: {@link JwksKeys#source()} notes what it selects.
 *
 * <p>The selection is Nimbus's: keys of the algorithm's type, with the token's {@code kid} when it has
 * one. Nimbus tries the candidates in order and does not say which verified; with one candidate (a
 * {@code kid}, or a provider with one key of that type) it is that one; with several (a token without
 * {@code kid}) the signature is checked against each again, in the same order, to find it. That second
 * check happens only on a cache miss of such a token.
 */
final class KeyCandidates implements SecurityContext {
  private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

  private List<JWK> offered = List.of();

  void offered(List<JWK> keys) {
    offered = List.copyOf(keys);
  }

  /**
   * The key that verified {@code accepted}, which the processor has just accepted; null when no JWKS
   * key was offered, so the signing secret verified it (HS256).
   */
  PublishedKey verifiedWith(JWT accepted) {
    if (offered.isEmpty()) {
      return null;
    }
    if (offered.size() == 1) {
      return PublishedKey.of(offered.get(0));
    }
    SignedJWT signed = (SignedJWT) accepted; // keys were offered, so it is signed
    for (JWK key : offered) {
      if (verifies(signed, key)) {
        return PublishedKey.of(key);
      }
    }
    throw new IllegalStateException("an accepted token verifies with none of the keys it was offered");
  }

  private static boolean verifies(SignedJWT token, JWK key) {
    if (!(key instanceof AsymmetricJWK asymmetric)) {
      return false; // RS256 and ES256 select RSA and EC keys only
    }
    try {
      JWSVerifier verifier = VERIFIERS.createJWSVerifier(token.getHeader(), asymmetric.toPublicKey());
      return token.verify(verifier);
    } catch (JOSEException e) {
      return false; // a key Nimbus could not use either: it did not verify the token
    }
  }
}

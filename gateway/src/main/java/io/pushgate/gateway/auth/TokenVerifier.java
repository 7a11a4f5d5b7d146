package io.pushgate.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (JWT, with Nimbus JOSE+JWT): HS256 with the signing secret, and RS256/ES256
 * with the keys of {@code --jwks-file} or {@code --jwks-url}; nothing else ({@code alg: none} above all)
 * is accepted. The token must carry {@code sub} (the userId) and {@code exp}; {@code nbf} is honoured;
 * 60 s of clock skew are allowed. {@code scope} is a space-separated string (or an array, {@code scp}).
 * Time is the injected {@link Clock}'s.
 *
 * <p>Not for an event loop: an RS256/ES256 signature check costs tens of microseconds or more, so
 * {@link TokenAuthenticator} runs {@link #verify} on the CPU executor and caches what it returns in
 * {@link VerifiedTokens}, which the JWKS tells of every refresh, so a withdrawn key's tokens are
 * verified again, and refused, from that refresh on.
 */
@Singleton
public final class TokenVerifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final GatewayConfig config;
  private final Clock clock;
  /** The cache of what this verifies, told the JWKS keys in force at start and at each refresh. */
  private final VerifiedTokens verified;
  private volatile DefaultJWTProcessor<SecurityContext> processor;
  private JwksKeys jwks;

  @Inject
  TokenVerifier(GatewayConfig config, Clock clock, VerifiedTokens verified) {
    this.config = config;
    this.clock = clock;
    this.verified = verified;
  }

  /**
   * Loads the keys (creating the signing secret on first start) and tells the cache which JWKS keys are
   * in force. Nothing to do with --auth none.
   */
  public synchronized void start() {
    GatewayConfig.Security security = config.security();
    if (security.auth() == GatewayConfig.AuthMode.none) {
      log.warn("--auth none: every request may act for any user. For local experiments only.");
      return;
    }
    byte[] secret = SigningSecret.load(security.jwtSecret(), config.dataDir());
    JWSKeySelector<SecurityContext> hmac = new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret));
    if (security.jwksFile().isPresent()) {
      jwks = JwksKeys.fromFile(security.jwksFile().get(), verified);
    } else if (security.jwksUrl().isPresent()) {
      jwks = JwksKeys.fromUrl(security.jwksUrl().get(), verified);
    }
    JWSKeySelector<SecurityContext> published = jwks == null ? null
        : new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), jwks.source());
    DefaultJWTProcessor<SecurityContext> fresh = new DefaultJWTProcessor<>();
    fresh.setJWSKeySelector((header, context) -> {
      if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
        return hmac.selectJWSKeys(header, context);
      }
      return published == null ? List.<Key>of() : published.selectJWSKeys(header, context);
    });
    fresh.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, null, Set.of("sub", "exp")) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant()); // the gateway's clock, which tests can set
      }
    });
    processor = fresh;
  }

  /**
   * The token of an {@code Authorization} header value ({@code Bearer <token>}), not yet verified;
   * throws AuthenticationException when there is none. Cheap: fine on an event loop.
   */
  public static String bearerToken(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationException("a bearer token is required", false);
    }
    String[] parts = WHITESPACE.split(authorization.trim(), 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new AuthenticationException("the Authorization header must be: Bearer <token>", true);
    }
    return parts[1];
  }

  /**
   * The principal of a bearer token and when the token expires; throws AuthenticationException when
   * it is unusable. A signature check: never on an event loop (asserted; tests run with {@code -ea}).
   */
  public VerifiedToken verify(String token) {
    assert EventLoops.notOnEventLoop() : "token verification on event loop thread " + Thread.currentThread().getName();
    DefaultJWTProcessor<SecurityContext> current = processor;
    if (current == null) {
      throw new IllegalStateException("token verifier not started");
    }
    JWTClaimsSet claims;
    KeyCandidates candidates = new KeyCandidates();
    PublishedKey verifiedWith;
    try {
      JWT jwt = JWTParser.parse(token);
      claims = current.process(jwt, candidates);
      verifiedWith = candidates.verifiedWith(jwt);
    } catch (ParseException e) {
      throw new AuthenticationException("malformed token", true);
    } catch (BadJWTException e) {
      throw new AuthenticationException(claimProblem(e.getMessage()), true);
    } catch (BadJOSEException e) {
      throw new AuthenticationException(signatureProblem(e.getMessage()), true);
    } catch (JOSEException e) {
      throw new AuthenticationException("token could not be verified", true);
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank() || subject.length() > 256) {
      throw new AuthenticationException("token has no usable sub", true);
    }
    // exp is a required claim: the claims verifier has refused a token without one
    return new VerifiedToken(Principal.of(subject, scopes(claims)), claims.getExpirationTime().toInstant(), verifiedWith);
  }

  private static Set<String> scopes(JWTClaimsSet claims) {
    Set<String> scopes = new HashSet<>();
    Object scope = claims.getClaim("scope");
    if (scope instanceof String text) {
      scopes.addAll(List.of(text.trim().split("\\s+")));
    }
    Object scp = claims.getClaim("scp");
    if (scp instanceof List<?> list) {
      list.forEach(item -> scopes.add(String.valueOf(item)));
    }
    scopes.remove("");
    return scopes;
  }

  /** A short reason for a rejected claim set, without the token's content. */
  private static String claimProblem(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("expired")) {
      return "token expired";
    }
    if (m.contains("before use time") || m.contains("nbf")) {
      return "token not yet valid";
    }
    if (m.contains("missing")) {
      return "token lacks sub or exp";
    }
    return "token claims rejected";
  }

  /** A short reason for a rejected signature or algorithm. */
  private static String signatureProblem(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("unsecured") || m.contains("plain")) {
      return "unsigned tokens (alg none) are not accepted";
    }
    if (m.contains("invalid signature")) {
      return "token signature invalid";
    }
    return "token algorithm or key not accepted";
  }

  /** Refreshes the {@code --jwks-url} keys now rather than at the next {@link JwksKeys#REFRESH}: for tests. */
  synchronized void refreshKeys() {
    if (jwks == null) {
      throw new IllegalStateException("no JWKS to refresh");
    }
    jwks.refresh();
  }

  @Override
  public synchronized void close() {
    if (jwks != null) {
      jwks.close();
    }
  }
}

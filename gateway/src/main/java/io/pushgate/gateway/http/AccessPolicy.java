package io.pushgate.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.auth.Principal;
import io.pushgate.gateway.auth.Scopes;
import io.pushgate.gateway.auth.TokenAuthenticator;
import io.pushgate.gateway.http.Router.Route;
import io.pushgate.model.ChannelType;
import io.pushgate.model.PolicyException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * Who may do what (spec Appendix G, and ours for the movies service): the one place of that decision.
 *
 * <ul>
 *   <li>Channel management: a token whose {@code sub} is the path's userId ({@code acr:auth} stands for
 *       the token's own), with {@code all_v1} or the scope of the channel type concerned.
 *   <li>Capability URLs (callbackURL, channelURL): no token; knowing the URL is the right (README).
 *   <li>Movies: reading is open; changing the catalogue needs {@code pushgate.movies.write}; a user's
 *       subscriptions need that user's token with {@code pushgate.movies.subscribe}.
 * </ul>
 */
@Singleton
final class AccessPolicy {
  /** The userId that stands for the token's own subject (spec G.1.2). */
  static final String ACR_AUTH = "acr:auth";

  private final TokenAuthenticator tokens;
  private final boolean enabled;

  @Inject
  AccessPolicy(TokenAuthenticator tokens, GatewayConfig config) {
    this.tokens = tokens;
    this.enabled = config.security().auth() == GatewayConfig.AuthMode.jwt;
  }

  /**
   * Authenticates and authorizes a request on {@code route}: the principal and the route with
   * {@code acr:auth} resolved. Complete at once when no token is needed or the token was verified
   * lately; otherwise it completes on the CPU executor's thread (see {@link TokenAuthenticator}). Fails
   * with AuthenticationException (401), AccessDeniedException (403) or ServerBusyException (503).
   */
  CompletableFuture<Authorized> authorize(Route route, HttpMethod method, String authorization) {
    if (!needsToken(route, method)) {
      return CompletableFuture.completedFuture(new Authorized(Principal.ANYONE, route));
    }
    if (!enabled) {
      return CompletableFuture.completedFuture(permit(route, Principal.ANYONE));
    }
    return tokens.authenticate(authorization).thenApply(principal -> permit(route, principal));
  }

  /** What {@code principal} may do on {@code route}; throws AccessDeniedException when it may not. */
  private static Authorized permit(Route route, Principal principal) {
    Route resolved = route;
    if (ACR_AUTH.equals(route.userId()) && !principal.anyone()) {
      resolved = new Route(route.resource(), principal.subject(), route.id(), route.token());
    }
    switch (route.resource()) {
      case CHANNELS, CHANNEL -> {
        requireUser(principal, resolved);
        require(principal, Scopes.ALL, Scopes.LONGPOLL, Scopes.OMAPUSH, Scopes.WEBSOCKETS);
      }
      case CHANNEL_LIFETIME -> {
        requireUser(principal, resolved);
        require(principal, Scopes.ALL, Scopes.OMAPUSH, Scopes.WEBSOCKETS, Scopes.LONGPOLL);
      }
      case MOVIES, MOVIE -> require(principal, Scopes.MOVIES_WRITE);
      case MOVIE_SUBSCRIPTIONS, MOVIE_SUBSCRIPTION -> {
        requireUser(principal, resolved);
        require(principal, Scopes.MOVIES_SUBSCRIBE, Scopes.MOVIES_WRITE);
      }
      default -> throw new IllegalStateException("no policy for " + route.resource());
    }
    return new Authorized(principal, resolved);
  }

  /** A principal and the route it may act on. */
  record Authorized(Principal principal, Route route) {}

  /** Creating a channel of {@code type} needs all_v1 or that type's own scope. */
  static void requireChannelType(Principal principal, ChannelType type) {
    String scope = switch (type) {
      case LongPolling -> Scopes.LONGPOLL;
      case WebSockets -> Scopes.WEBSOCKETS;
      case OMAPush -> Scopes.OMAPUSH;
      case NativeChannel -> Scopes.ALL;
    };
    require(principal, Scopes.ALL, scope);
  }

  private static boolean needsToken(Route route, HttpMethod method) {
    return switch (route.resource()) {
      case CALLBACK, LONG_POLL, WEBSOCKET -> false;
      case MOVIES, MOVIE -> !method.equals(HttpMethod.GET);
      default -> true;
    };
  }

  private static void requireUser(Principal principal, Route route) {
    if (!principal.actsFor(route.userId())) {
      throw new AccessDeniedException(PolicyException.policyError("this token is not valid for user " + route.userId()), null);
    }
  }

  private static void require(Principal principal, String... scopes) {
    if (!principal.hasAny(scopes)) {
      throw new AccessDeniedException(PolicyException.policyError("the token lacks the scope for this operation, one of: "
          + String.join(" ", scopes)), String.join(" ", scopes));
    }
  }

  /** 403: authenticated, but not allowed. */
  static final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PolicyException error;
    private final String scopes;

    AccessDeniedException(PolicyException error, String scopes) {
      super(error.variables().toString(), null, false, false);
      this.error = error;
      this.scopes = scopes;
    }

    PolicyException error() {
      return error;
    }

    /** The scopes that would do, for the challenge; null for a user mismatch. */
    String scopes() {
      return scopes;
    }
  }
}

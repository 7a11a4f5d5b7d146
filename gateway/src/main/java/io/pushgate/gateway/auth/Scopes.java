package io.pushgate.gateway.auth;

import java.util.List;

/** The scopes a token's {@code scope} claim may carry: the spec's (Appendix G) and two of ours. */
public final class Scopes {
  /** Everything of the Notification Channel API. */
  public static final String ALL = "oma_rest_notificationchannel.all_v1";
  /** Operations on Long Polling channels. */
  public static final String LONGPOLL = "oma_rest_notificationchannel.longpoll";
  /** Operations on OMA Push channels (offered by no channel type here yet, accepted for the lifetime resource). */
  public static final String OMAPUSH = "oma_rest_notificationchannel.omapush";
  /** Operations on WebSockets channels. */
  public static final String WEBSOCKETS = "oma_rest_notificationchannel.websockets";
  /** Ours: changes to the movies catalogue (create, replace, patch, delete). */
  public static final String MOVIES_WRITE = "pushgate.movies.write";
  /** Ours: a user's movie subscriptions. */
  public static final String MOVIES_SUBSCRIBE = "pushgate.movies.subscribe";

  /** What ./scripts/token grants when no scope is named: everything. */
  public static final List<String> EVERYTHING = List.of(ALL, MOVIES_WRITE, MOVIES_SUBSCRIBE);

  private Scopes() {}
}

package io.pushgate.gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway's whole configuration: immutable, validated once at start and then passed in (never read
 * from the environment below {@code Main}). Each invalid value fails construction with a message that
 * names the flag, so a user sees exactly what to fix.
 *
 * @param host                     address the public listener binds to
 * @param port                     port of the public listener (REST, WebSocket, callbacks)
 * @param publicUrl                base of every URL handed to clients (callbackURL, channelURL, resourceURL),
 *                                 {@code http} or {@code https}, without a trailing slash
 * @param adminPort                port of the admin listener, always bound to 127.0.0.1
 * @param dataDir                  where the embedded PostgreSQL keeps its data
 * @param database                 an external PostgreSQL, or empty for the embedded one
 * @param dbPoolSize               JDBC connections, and threads of the database executor
 * @param eventLoopThreads         Netty event loop threads; 0 means Netty's default (2 × cores)
 * @param maxRequestBytes          largest accepted request body; larger ones get 413
 * @param defaultChannelLifetime   lifetime granted when a client asks for none
 * @param maxChannelLifetime       longest lifetime ever granted; larger requests are capped
 * @param defaultMaxNotifications  {@code maxNotifications} granted when a client asks for none
 * @param maxNotificationsLimit    largest {@code maxNotifications} ever granted; larger requests are capped
 * @param expirySweepInterval      how often expired channels are deleted from the database
 * @param channelQueueLimit        notifications kept per channel until confirmed; beyond it the oldest are dropped
 * @param ingressQueueLimit        notifications accepted but not yet committed, all channels together;
 *                                 beyond it enablers get 503
 * @param commitInterval           least time between the starts of two commits of the notification log;
 *                                 zero commits as soon as the previous commit is done
 * @param longPollTimeout          how long a long poll waits before answering an empty list
 * @param keepAliveInterval        silence after which a WebSocket is pinged and sent a connCheck; twice
 *                                 that without a word from the client closes it
 * @param shutdownTimeout          the longest a graceful shutdown may take
 * @param accessLog                whether to log one line per HTTP request (logger {@code pushgate.access})
 * @param movieChanges             how the sample movies service admits changes
 * @param security                 authentication, TLS and the limits that protect the gateway
 */
public record GatewayConfig(
    String host,
    int port,
    URI publicUrl,
    int adminPort,
    Path dataDir,
    Optional<ExternalDatabase> database,
    int dbPoolSize,
    int eventLoopThreads,
    int maxRequestBytes,
    Duration defaultChannelLifetime,
    Duration maxChannelLifetime,
    int defaultMaxNotifications,
    int maxNotificationsLimit,
    Duration expirySweepInterval,
    int channelQueueLimit,
    int ingressQueueLimit,
    Duration commitInterval,
    Duration longPollTimeout,
    Duration keepAliveInterval,
    Duration shutdownTimeout,
    boolean accessLog,
    MovieChanges movieChanges,
    Security security) {

  /**
   * How the sample movies service admits changes: {@code inProgress} at once, from the transaction until
   * their notifications are in the log; the next waits its turn, in order, for at most {@code maxWait}
   * (64 at most wait), and is then refused with 503. Measured at fan-out 60,000/s offered
   * (bench/README, "At commit 4e8b5f6"): 1, 2 and 4 in progress, refused at once beyond them, all held
   * what the box can deliver, with completion p50 1.2, 2.6 and 5.0 s; 2 with a wait of 1 s, 5.1 s, and
   * a burst of small changes the box had room for was no longer refused in part.
   *
   * @param inProgress changes made at once ({@code --movie-changes-in-progress})
   * @param maxWait    how long a change may wait for its turn; zero refuses it at once ({@code --movie-change-wait})
   */
  public record MovieChanges(int inProgress, Duration maxWait) {
    public MovieChanges {
      requireNonNull(maxWait, "maxWait");
      checkRange("--movie-changes-in-progress", inProgress, 1, 64);
      checkRange("--movie-change-wait", maxWait.toMillis(), 0, 60_000);
    }
  }

  /** How REST requests are authenticated. */
  public enum AuthMode {
    /** Bearer JWTs (HS256 with the signing secret, RS256/ES256 from a JWKS). */
    jwt,
    /** No authentication: for local experiments only. */
    none
  }

  /**
   * Authentication, TLS and limits.
   *
   * @param jwtSecret                the HS256 secret; empty to use (or create) {@code <data-dir>/jwt-secret}
   * @param tlsCert                  PEM certificate chain; with {@code tlsKey}, the public listener speaks TLS
   * @param maxChannelsPerUser       live channels a user may hold; more get 403 POL0001
   * @param maxSubscriptionsPerUser  movie subscriptions a user may hold; more get 403 POL0001
   * @param maxConnectionsPerAddress open connections from one client address; more are closed at once
   * @param requestsPerSecond        REST requests per second per client address and per token (token
   *                                 bucket, burst twice that); beyond, 429
   * @param requestReadTimeout       the longest a client may take to send a whole request (slow-loris)
   */
  public record Security(AuthMode auth, Optional<String> jwtSecret, Optional<Path> jwksFile, Optional<URI> jwksUrl,
      Optional<Path> tlsCert, Optional<Path> tlsKey, int maxChannelsPerUser, int maxSubscriptionsPerUser,
      int maxConnectionsPerAddress, int requestsPerSecond, Duration requestReadTimeout) {
    public Security {
      requireNonNull(auth, "auth");
      requireNonNull(jwtSecret, "jwtSecret");
      requireNonNull(jwksFile, "jwksFile");
      requireNonNull(jwksUrl, "jwksUrl");
      requireNonNull(tlsCert, "tlsCert");
      requireNonNull(tlsKey, "tlsKey");
      requireNonNull(requestReadTimeout, "requestReadTimeout");
      if (jwtSecret.isPresent() && jwtSecret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
        throw new IllegalArgumentException("--jwt-secret must be at least 32 bytes");
      }
      if (jwksFile.isPresent() && jwksUrl.isPresent()) {
        throw new IllegalArgumentException("--jwks-file and --jwks-url exclude each other");
      }
      if (tlsCert.isPresent() != tlsKey.isPresent()) {
        throw new IllegalArgumentException("--tls-cert and --tls-key go together");
      }
      for (Optional<Path> file : List.of(tlsCert, tlsKey, jwksFile)) {
        if (file.isPresent() && !java.nio.file.Files.isReadable(file.get())) {
          throw new IllegalArgumentException("cannot read " + file.get());
        }
      }
      checkRange("--max-channels-per-user", maxChannelsPerUser, 1, 1_000_000);
      checkRange("--max-subscriptions-per-user", maxSubscriptionsPerUser, 1, 1_000_000);
      checkRange("--max-connections-per-address", maxConnectionsPerAddress, 1, 1_000_000);
      checkRange("--requests-per-second", requestsPerSecond, 1, 10_000_000);
      checkRange("--request-read-timeout", requestReadTimeout.toMillis(), 100, Duration.ofMinutes(10).toMillis());
    }

    /** Whether the public listener speaks TLS. */
    public boolean tls() {
      return tlsCert.isPresent();
    }

    @Override
    public String toString() {
      return "Security[auth=" + auth + ", jwtSecret=" + (jwtSecret.isPresent() ? "<hidden>" : "<data-dir>")
          + ", jwksFile=" + jwksFile.map(Path::toString).orElse("-") + ", jwksUrl=" + jwksUrl.map(URI::toString).orElse("-")
          + ", tls=" + tls() + ", maxChannelsPerUser=" + maxChannelsPerUser + ", maxSubscriptionsPerUser="
          + maxSubscriptionsPerUser + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", requestsPerSecond="
          + requestsPerSecond + ", requestReadTimeout=" + requestReadTimeout.toMillis() + "ms]";
    }
  }

  /** Connection settings of an external PostgreSQL. {@link #toString()} never shows the password. */
  public record ExternalDatabase(String jdbcUrl, String user, String password) {
    public ExternalDatabase {
      requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: " + jdbcUrl);
      }
    }

    @Override
    public String toString() {
      return "ExternalDatabase[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
          + (password == null || password.isEmpty() ? "<none>" : "<hidden>") + "]";
    }
  }

  public GatewayConfig {
    requireNonNull(host, "host");
    requireNonNull(publicUrl, "publicUrl");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(database, "database");
    requireNonNull(defaultChannelLifetime, "defaultChannelLifetime");
    requireNonNull(maxChannelLifetime, "maxChannelLifetime");
    requireNonNull(expirySweepInterval, "expirySweepInterval");
    checkPort("--port", port, true);
    checkPort("--admin-port", adminPort, true);
    if (port != 0 && port == adminPort) {
      throw new IllegalArgumentException("--port and --admin-port must differ, both are " + port);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("--host must not be empty");
    }
    publicUrl = checkPublicUrl(publicUrl);
    checkRange("--db-pool-size", dbPoolSize, 1, 1_000);
    checkRange("--event-loop-threads", eventLoopThreads, 0, 1_024);
    checkRange("--max-request-bytes", maxRequestBytes, 1_024, 64 * 1024 * 1024);
    checkRange("--default-channel-lifetime", defaultChannelLifetime.toSeconds(), 1, Integer.MAX_VALUE);
    checkRange("--max-channel-lifetime", maxChannelLifetime.toSeconds(), 1, Integer.MAX_VALUE);
    if (defaultChannelLifetime.compareTo(maxChannelLifetime) > 0) {
      throw new IllegalArgumentException("--default-channel-lifetime (" + defaultChannelLifetime.toSeconds()
          + ") must not exceed --max-channel-lifetime (" + maxChannelLifetime.toSeconds() + ")");
    }
    checkRange("--max-notifications-limit", maxNotificationsLimit, 1, 100_000);
    checkRange("--default-max-notifications", defaultMaxNotifications, 1, maxNotificationsLimit);
    checkRange("--expiry-sweep-interval", expirySweepInterval.toMillis(), 100, Duration.ofDays(1).toMillis());
    requireNonNull(longPollTimeout, "longPollTimeout");
    requireNonNull(keepAliveInterval, "keepAliveInterval");
    checkRange("--channel-queue-limit", channelQueueLimit, 1, 10_000_000);
    // at least one whole append (a list of MAX_BATCH), or such a POST would be refused for good
    checkRange("--ingress-queue-limit", ingressQueueLimit, io.pushgate.gateway.dispatch.NotificationLog.MAX_BATCH,
        10_000_000);
    requireNonNull(commitInterval, "commitInterval");
    checkRange("--commit-interval", commitInterval.toMillis(), 0, 1_000);
    checkRange("--long-poll-timeout", longPollTimeout.toMillis(), 100, Duration.ofMinutes(10).toMillis());
    checkRange("--keep-alive-interval", keepAliveInterval.toMillis(), 100, Duration.ofHours(1).toMillis());
    requireNonNull(shutdownTimeout, "shutdownTimeout");
    checkRange("--shutdown-timeout", shutdownTimeout.toMillis(), 100, Duration.ofMinutes(10).toMillis());
    requireNonNull(movieChanges, "movieChanges");
    requireNonNull(security, "security");
    if (security.tls() && publicUrl.getScheme().equals("http") && publicUrl.getHost().equals("localhost")
        && publicUrl.getPort() == port) {
      publicUrl = URI.create("https" + publicUrl.toString().substring("http".length())); // the default follows TLS
    }
  }

  /** The base URL of the management API: {@code {publicUrl}/notificationchannel/v1}. */
  public String apiBaseUrl() {
    return publicUrl + "/notificationchannel/v1";
  }

  private static void checkPort(String flag, int value, boolean allowZero) {
    checkRange(flag, value, allowZero ? 0 : 1, 65_535);
  }

  private static void checkRange(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static URI checkPublicUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("--public-url must be an http:// or https:// URL, got: " + url);
    }
    if (url.getHost() == null || url.getQuery() != null || url.getFragment() != null || url.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "--public-url must be scheme://host[:port][/base-path] without user info, query or fragment, got: " + url);
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}

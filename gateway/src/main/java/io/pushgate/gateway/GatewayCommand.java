package io.pushgate.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: every flag, its environment variable and its default. Turned into the one
 * {@link GatewayConfig} by {@link #toConfig()}; nothing else reads flags or the environment.
 */
@Command(
    name = "pushgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "The OMA RESTful Network API for Notification Channel, on Netty.",
      "Every option can also be set by the environment variable shown; a flag wins over the variable."
    },
    footer = {
      "",
      "Subcommand: token USER [SCOPE...] prints a bearer token signed with the gateway's secret.",
      "Without --db-url, an embedded PostgreSQL keeps its data in <data-dir>/postgres.",
      "Exit codes: 0 stopped cleanly, 1 failed (at start or while running), 2 invalid configuration or TLS/JWKS file."
    })
final class GatewayCommand {

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:PUSHGATE_HOST:-0.0.0.0}",
      description = "Address of the public listener (env PUSHGATE_HOST, default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PUSHGATE_PORT:-8080}",
      description = "Port of the public listener: REST API, WebSockets, callbacks (env PUSHGATE_PORT, default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:PUSHGATE_PUBLIC_URL:-}",
      description = "Base of the URLs handed to clients: callbackURL, channelURL, resourceURL "
          + "(env PUSHGATE_PUBLIC_URL, default http://localhost:<port>).")
  String publicUrl;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "${env:PUSHGATE_ADMIN_PORT:-8081}",
      description = "Port of the admin listener on 127.0.0.1: health (env PUSHGATE_ADMIN_PORT, default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PUSHGATE_DATA_DIR:-data}",
      description = "Directory of the embedded PostgreSQL's data (env PUSHGATE_DATA_DIR, default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:PUSHGATE_DB_URL:-}",
      description = "An external PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/pushgate; "
          + "unset means the embedded one (env PUSHGATE_DB_URL).")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:PUSHGATE_DB_USER:-}",
      description = "User for --db-url (env PUSHGATE_DB_USER).")
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:PUSHGATE_DB_PASSWORD:-}",
      description = "Password for --db-url; prefer the environment variable (env PUSHGATE_DB_PASSWORD).")
  String dbPassword;

  @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "${env:PUSHGATE_DB_POOL_SIZE:-8}",
      description = "JDBC connections and database threads (env PUSHGATE_DB_POOL_SIZE, default ${DEFAULT-VALUE}).")
  int dbPoolSize;

  @Option(names = "--event-loop-threads", paramLabel = "N", defaultValue = "${env:PUSHGATE_EVENT_LOOP_THREADS:-0}",
      description = "Netty event loop threads, 0 for 2 x cores (env PUSHGATE_EVENT_LOOP_THREADS, default ${DEFAULT-VALUE}).")
  int eventLoopThreads;

  @Option(names = "--max-request-bytes", paramLabel = "BYTES", defaultValue = "${env:PUSHGATE_MAX_REQUEST_BYTES:-1048576}",
      description = "Largest request body; larger ones get 413 (env PUSHGATE_MAX_REQUEST_BYTES, default ${DEFAULT-VALUE}).")
  int maxRequestBytes;

  @Option(names = "--default-channel-lifetime", paramLabel = "SECONDS",
      defaultValue = "${env:PUSHGATE_DEFAULT_CHANNEL_LIFETIME:-3600}",
      description = "Lifetime granted when a client asks for none (env PUSHGATE_DEFAULT_CHANNEL_LIFETIME, default ${DEFAULT-VALUE}).")
  long defaultChannelLifetimeSeconds;

  @Option(names = "--max-channel-lifetime", paramLabel = "SECONDS",
      defaultValue = "${env:PUSHGATE_MAX_CHANNEL_LIFETIME:-86400}",
      description = "Longest lifetime granted; longer requests are capped (env PUSHGATE_MAX_CHANNEL_LIFETIME, default ${DEFAULT-VALUE}).")
  long maxChannelLifetimeSeconds;

  @Option(names = "--default-max-notifications", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_DEFAULT_MAX_NOTIFICATIONS:-20}",
      description = "maxNotifications granted when a client asks for none (env PUSHGATE_DEFAULT_MAX_NOTIFICATIONS, default ${DEFAULT-VALUE}).")
  int defaultMaxNotifications;

  @Option(names = "--max-notifications-limit", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_MAX_NOTIFICATIONS_LIMIT:-1000}",
      description = "Largest maxNotifications granted; larger requests are capped (env PUSHGATE_MAX_NOTIFICATIONS_LIMIT, default ${DEFAULT-VALUE}).")
  int maxNotificationsLimit;

  @Option(names = "--expiry-sweep-interval", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_EXPIRY_SWEEP_INTERVAL:-10000}",
      description = "How often expired channels are deleted (env PUSHGATE_EXPIRY_SWEEP_INTERVAL, default ${DEFAULT-VALUE}).")
  long expirySweepIntervalMillis;

  @Option(names = "--channel-queue-limit", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_CHANNEL_QUEUE_LIMIT:-10000}",
      description = "Notifications kept per channel until the client confirms them; beyond it the oldest are dropped "
          + "(env PUSHGATE_CHANNEL_QUEUE_LIMIT, default ${DEFAULT-VALUE}).")
  int channelQueueLimit;

  @Option(names = "--ingress-queue-limit", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_INGRESS_QUEUE_LIMIT:-100000}",
      description = "Notifications accepted and waiting for their commit; beyond it enablers get 503 "
          + "(env PUSHGATE_INGRESS_QUEUE_LIMIT, default ${DEFAULT-VALUE}).")
  int ingressQueueLimit;

  @Option(names = "--commit-interval", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_COMMIT_INTERVAL:-2}",
      description = "Least time between the starts of two commits of the notification log: under load, what "
          + "arrives meanwhile shares one commit (less database CPU per notification, at most this much more "
          + "latency); 0 commits as soon as the previous commit is done (env PUSHGATE_COMMIT_INTERVAL, "
          + "default ${DEFAULT-VALUE}).")
  long commitIntervalMillis;

  @Option(names = "--long-poll-timeout", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_LONG_POLL_TIMEOUT:-30000}",
      description = "How long a long poll waits for notifications before answering an empty list "
          + "(env PUSHGATE_LONG_POLL_TIMEOUT, default ${DEFAULT-VALUE}).")
  long longPollTimeoutMillis;

  @Option(names = "--keep-alive-interval", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_KEEP_ALIVE_INTERVAL:-30000}",
      description = "Silence after which a WebSocket gets a ping and a connCheck; twice that with no word from the "
          + "client closes it (env PUSHGATE_KEEP_ALIVE_INTERVAL, default ${DEFAULT-VALUE}).")
  long keepAliveIntervalMillis;

  @Option(names = "--movie-changes-in-progress", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_MOVIE_CHANGES_IN_PROGRESS:-2}",
      description = "Movie changes the sample movies service makes at once, each notifying all its subscribers "
          + "(env PUSHGATE_MOVIE_CHANGES_IN_PROGRESS, default ${DEFAULT-VALUE}).")
  int movieChangesInProgress;

  @Option(names = "--movie-change-wait", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_MOVIE_CHANGE_WAIT:-1000}",
      description = "How long a movie change may wait for its turn before it is refused with 503; 0 refuses it "
          + "at once (env PUSHGATE_MOVIE_CHANGE_WAIT, default ${DEFAULT-VALUE}).")
  long movieChangeWaitMillis;

  @Option(names = "--shutdown-timeout", paramLabel = "MILLIS",
      defaultValue = "${env:PUSHGATE_SHUTDOWN_TIMEOUT:-10000}",
      description = "The longest a graceful shutdown (SIGTERM) may take (env PUSHGATE_SHUTDOWN_TIMEOUT, default ${DEFAULT-VALUE}).")
  long shutdownTimeoutMillis;

  @Option(names = "--access-log", negatable = true, defaultValue = "${env:PUSHGATE_ACCESS_LOG:-false}",
      description = "Log one line per HTTP request to the logger pushgate.access (env PUSHGATE_ACCESS_LOG, default ${DEFAULT-VALUE}).")
  boolean accessLog;

  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:PUSHGATE_LOG_FORMAT:-text}",
      description = "text: one readable line per event; json: one JSON object per line (env PUSHGATE_LOG_FORMAT, default ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--auth", paramLabel = "jwt|none", defaultValue = "${env:PUSHGATE_AUTH:-jwt}",
      description = "jwt: REST requests need a bearer token; none: no authentication, for local experiments only "
          + "(env PUSHGATE_AUTH, default ${DEFAULT-VALUE}).")
  String auth;

  @Option(names = "--jwt-secret", paramLabel = "SECRET", defaultValue = "${env:PUSHGATE_JWT_SECRET:-}",
      description = "HS256 signing secret, at least 32 bytes; unset: generated in <data-dir>/jwt-secret on first start "
          + "(env PUSHGATE_JWT_SECRET; prefer the variable).")
  String jwtSecret;

  @Option(names = "--jwks-file", paramLabel = "FILE", defaultValue = "${env:PUSHGATE_JWKS_FILE:-}",
      description = "Public keys (JWKS) of an identity provider: RS256/ES256 tokens (env PUSHGATE_JWKS_FILE).")
  String jwksFile;

  @Option(names = "--jwks-url", paramLabel = "URL", defaultValue = "${env:PUSHGATE_JWKS_URL:-}",
      description = "Like --jwks-file, fetched at start and every 10 minutes (env PUSHGATE_JWKS_URL).")
  String jwksUrl;

  @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:PUSHGATE_TLS_CERT:-}",
      description = "Certificate chain (PEM): the public listener speaks https/wss (env PUSHGATE_TLS_CERT).")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:PUSHGATE_TLS_KEY:-}",
      description = "Private key of --tls-cert, PKCS#8 PEM (env PUSHGATE_TLS_KEY).")
  String tlsKey;

  @Option(names = "--max-channels-per-user", paramLabel = "N", defaultValue = "${env:PUSHGATE_MAX_CHANNELS_PER_USER:-100}",
      description = "Live channels one user may hold (env PUSHGATE_MAX_CHANNELS_PER_USER, default ${DEFAULT-VALUE}).")
  int maxChannelsPerUser;

  @Option(names = "--max-subscriptions-per-user", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_MAX_SUBSCRIPTIONS_PER_USER:-100}",
      description = "Movie subscriptions one user may hold (env PUSHGATE_MAX_SUBSCRIPTIONS_PER_USER, default ${DEFAULT-VALUE}).")
  int maxSubscriptionsPerUser;

  @Option(names = "--max-connections-per-address", paramLabel = "N",
      defaultValue = "${env:PUSHGATE_MAX_CONNECTIONS_PER_ADDRESS:-10000}",
      description = "Open connections from one client address (env PUSHGATE_MAX_CONNECTIONS_PER_ADDRESS, default ${DEFAULT-VALUE}).")
  int maxConnectionsPerAddress;

  @Option(names = "--requests-per-second", paramLabel = "N", defaultValue = "${env:PUSHGATE_REQUESTS_PER_SECOND:-1000}",
      description = "REST requests per second per client address and per token, burst twice that; beyond, 429 "
          + "(env PUSHGATE_REQUESTS_PER_SECOND, default ${DEFAULT-VALUE}).")
  int requestsPerSecond;

  @Option(names = "--request-read-timeout", paramLabel = "MILLIS", defaultValue = "${env:PUSHGATE_REQUEST_READ_TIMEOUT:-10000}",
      description = "The longest a client may take to send a whole request (env PUSHGATE_REQUEST_READ_TIMEOUT, default ${DEFAULT-VALUE}).")
  long requestReadTimeoutMillis;

  /**
   * Checks {@code --log-format} and points logback at its configuration (logback.xml for text,
   * logback-json.xml for json); must run before the first logger is made.
   */
  void configureLogging() {
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new IllegalArgumentException("--log-format must be text or json, got: " + logFormat);
    }
    if (logFormat.equals("json") && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  /** Validates the parsed flags into the one immutable config; throws with a message naming the flag. */
  GatewayConfig toConfig() {
    URI url = publicUrl.isBlank() ? URI.create("http://localhost:" + port) : parseUrl("--public-url", publicUrl);
    Optional<GatewayConfig.ExternalDatabase> database = dbUrl.isBlank()
        ? Optional.empty()
        : Optional.of(new GatewayConfig.ExternalDatabase(dbUrl.trim(), dbUser, dbPassword));
    if (database.isEmpty() && (!dbUser.isBlank() || !dbPassword.isBlank())) {
      throw new IllegalArgumentException("--db-user and --db-password need --db-url");
    }
    return new GatewayConfig(host, port, url, adminPort, dataDir.toAbsolutePath().normalize(), database,
        dbPoolSize, eventLoopThreads, maxRequestBytes,
        Duration.ofSeconds(defaultChannelLifetimeSeconds), Duration.ofSeconds(maxChannelLifetimeSeconds),
        defaultMaxNotifications, maxNotificationsLimit, Duration.ofMillis(expirySweepIntervalMillis),
        channelQueueLimit, ingressQueueLimit, Duration.ofMillis(commitIntervalMillis),
        Duration.ofMillis(longPollTimeoutMillis),
        Duration.ofMillis(keepAliveIntervalMillis), Duration.ofMillis(shutdownTimeoutMillis), accessLog,
        new GatewayConfig.MovieChanges(movieChangesInProgress, Duration.ofMillis(movieChangeWaitMillis)), security());
  }

  private GatewayConfig.Security security() {
    GatewayConfig.AuthMode mode = switch (auth) {
      case "jwt" -> GatewayConfig.AuthMode.jwt;
      case "none" -> GatewayConfig.AuthMode.none;
      default -> throw new IllegalArgumentException("--auth must be jwt or none, got: " + auth);
    };
    return new GatewayConfig.Security(mode, optional(jwtSecret), optional(jwksFile).map(Path::of),
        optional(jwksUrl).map(url -> parseUrl("--jwks-url", url)), optional(tlsCert).map(Path::of), optional(tlsKey).map(Path::of),
        maxChannelsPerUser, maxSubscriptionsPerUser, maxConnectionsPerAddress, requestsPerSecond,
        Duration.ofMillis(requestReadTimeoutMillis));
  }

  private static Optional<String> optional(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static URI parseUrl(String flag, String text) {
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(flag + " is not a valid URL: " + text);
    }
  }
}

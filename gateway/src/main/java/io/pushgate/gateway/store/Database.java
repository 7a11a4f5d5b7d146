package io.pushgate.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.GatewayConfig;
import java.sql.Connection;
import java.sql.SQLException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: the embedded or external PostgreSQL, one {@link HikariDataSource}, the Flyway
 * migrations, and the one {@link DSLContext} every repository uses. Started explicitly by the gateway
 * (so building the object graph never touches the network), closed last.
 */
@Singleton
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final GatewayConfig config;
  private final MeterRegistry registry;
  private EmbeddedPostgresServer embedded;
  private HikariDataSource dataSource;
  private volatile DSLContext dsl;

  @Inject
  Database(GatewayConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /** Starts the embedded server if no external one is configured, opens the pool, migrates. */
  public synchronized void start() {
    if (dsl != null) {
      return;
    }
    String jdbcUrl;
    String user;
    String password;
    if (config.database().isPresent()) {
      GatewayConfig.ExternalDatabase external = config.database().get();
      jdbcUrl = external.jdbcUrl();
      user = external.user();
      password = external.password();
    } else {
      embedded = EmbeddedPostgresServer.start(config.dataDir());
      jdbcUrl = embedded.jdbcUrl();
      user = "postgres";
      password = "";
    }

    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("pushgate-db");
    hikari.setJdbcUrl(jdbcUrl);
    if (user != null && !user.isEmpty()) {
      hikari.setUsername(user);
    }
    if (password != null && !password.isEmpty()) {
      hikari.setPassword(password);
    }
    hikari.setMaximumPoolSize(config.dbPoolSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(5_000);
    hikari.setValidationTimeout(2_000);
    hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    dataSource = new HikariDataSource(hikari);

    var migrated = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    log.info("database ready: {} (schema version {}, {} migration(s) applied)",
        config.database().isPresent() ? "external " + jdbcUrl : "embedded", migrated.targetSchemaVersion,
        migrated.migrationsExecuted);

    DefaultConfiguration jooq = new DefaultConfiguration();
    jooq.set(dataSource);
    jooq.set(SQLDialect.POSTGRES);
    jooq.set(new Settings().withExecuteLogging(false).withRenderSchema(false));
    jooq.set(new EventLoopGuard());
    dsl = DSL.using(jooq);
    for (String problem : VacuumSettings.problems(dsl)) {
      log.warn(problem);
    }
  }

  /** The shared DSLContext; only valid between {@link #start()} and {@link #close()}. */
  public DSLContext dsl() {
    DSLContext current = dsl;
    if (current == null) {
      throw new IllegalStateException("database not started");
    }
    return current;
  }

  /** True when a connection can be had and answers a trivial query within two seconds. */
  public boolean isReachable() {
    assert EventLoops.notOnEventLoop() : "database ping on an event loop";
    HikariDataSource current = dataSource;
    if (current == null || current.isClosed()) {
      return false;
    }
    try (Connection connection = current.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    dsl = null;
    if (dataSource != null) {
      dataSource.close();
      dataSource = null;
    }
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }
}

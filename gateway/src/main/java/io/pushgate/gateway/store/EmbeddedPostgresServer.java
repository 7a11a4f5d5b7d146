package io.pushgate.gateway.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries in the jar, keeping its data in
 * {@code <data-dir>/postgres} so channels survive a restart. Bound to 127.0.0.1 on a free port.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedPostgresServer start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          // the log is a queue: every notification is written, then deleted once confirmed, so WAL
          // grows fast under load; with the default 1 GB a checkpoint came every ~20 s at 50k/s and
          // stalled commits for seconds. Spread checkpoints out (recovery after a crash replays more).
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("checkpoint_timeout", "15min")
          // the queue's dead rows are vacuumed as soon as there are enough of them (migration V6),
          // not at the next of the default once-a-minute looks
          .setServerConfig("autovacuum_naptime", "1s")
          // stopped by the gateway's close, its last step (Main's shutdown hook runs it on SIGTERM): a
          // hook of its own would stop it alongside, under the shutdown's last writes (seen: the long
          // polls' lifetime refreshes failed with "I/O error" on SIGTERM)
          .setRegisterShutdownHook(false)
          .start();
      log.info("embedded PostgreSQL started: data {}, port {}", pgData, postgres.getPort());
      return new EmbeddedPostgresServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}

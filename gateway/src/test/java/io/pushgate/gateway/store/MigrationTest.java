package io.pushgate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pushgate.gateway.channel.CapabilityKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made by an earlier version upgrades in place (V4 gives existing channels their lookup keys),
 * and the schema keeps the properties the gateway's speed relies on (V7).
 */
@Timeout(60)
class MigrationTest {
  @TempDir
  Path dir;

  @Test
  void testV4BackfillsTheCapabilityKeysOfExistingChannels() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
      migrate(postgres, "3");
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement()) {
        sql.execute("INSERT INTO channel (channel_id, user_id, channel_type, request_fingerprint, max_notifications,"
            + " callback_token, channel_token, lifetime_seconds, expires_at, created_at) VALUES ('c1', 'u', 'WebSockets',"
            + " 'f', 20, 'callbackToken123', 'channelToken456', 60, now() + interval '1 hour', now())");
      }
      migrate(postgres, "latest");
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement();
           ResultSet row = sql.executeQuery("SELECT callback_key, channel_key FROM channel WHERE channel_id = 'c1'")) {
        row.next();
        assertEquals(CapabilityKey.of("callbackToken123"), row.getString(1));
        assertEquals(CapabilityKey.of("channelToken456"), row.getString(2));
      }
    }
  }

  /**
   * A channel's row is rewritten with every batch of confirmations (last_seq) and every lifetime reset:
   * those updates must stay HOT, written in place without a new entry in each index. Checked on a
   * database upgraded from V6 with a channel in it, as an existing installation would be.
   */
  @Test
  void testV7MakesAChannelsFrequentUpdatesHot() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
      migrate(postgres, "6");
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement()) {
        sql.execute("INSERT INTO channel (channel_id, user_id, channel_type, request_fingerprint, max_notifications,"
            + " callback_token, channel_token, lifetime_seconds, expires_at, created_at, callback_key, channel_key)"
            + " VALUES ('c1', 'u', 'WebSockets', 'f', 20, 't1', 't2', 60, now() + interval '1 hour', now(), 'k1', 'k2')");
      }
      migrate(postgres, "latest");
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement()) {
        try (ResultSet indexes = sql.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'channel'")) {
          while (indexes.next()) {
            String definition = indexes.getString(1);
            for (String column : List.of("expires_at", "lifetime_seconds", "last_seq")) {
              assertFalse(definition.contains(column), definition);
            }
          }
        }
        try (ResultSet options = sql.executeQuery("SELECT reloptions FROM pg_class WHERE relname = 'channel'")) {
          options.next();
          assertEquals("{fillfactor=80}", options.getString(1));
        }
        connection.setAutoCommit(false);
        for (int i = 1; i <= 5; i++) { // now() is the transaction's start: each update moves the expiry on
          sql.execute("UPDATE channel SET last_seq = " + i + ", lifetime_seconds = " + (60 + i)
              + ", expires_at = now() + interval '1 hour' + interval '" + i + " seconds' WHERE channel_id = 'c1'");
        }
        // this transaction's own counts, so no other backend's updates and no stats delay can blur them
        try (ResultSet counts = sql.executeQuery("SELECT pg_stat_get_xact_tuples_updated('channel'::regclass),"
            + " pg_stat_get_xact_tuples_hot_updated('channel'::regclass)")) {
          counts.next();
          assertEquals(5, counts.getLong(1));
          assertEquals(5, counts.getLong(2), "updates written in place (HOT)");
        }
        connection.rollback();
      }
    }
  }

  /** Identifiers and keys are compared byte by byte, whatever the database's collation (V8). */
  @Test
  void testV8ComparesIdentifiersAsBytes() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
      migrate(postgres, "latest");
      Map<String, String> collations = new TreeMap<>();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement();
           ResultSet columns = sql.executeQuery("SELECT table_name || '.' || column_name, collation_name"
               + " FROM information_schema.columns WHERE table_name IN ('channel', 'notification')"
               + " AND column_name IN ('channel_id', 'user_id', 'client_correlator', 'callback_key', 'channel_key')")) {
        while (columns.next()) {
          collations.put(columns.getString(1), columns.getString(2));
        }
      }
      assertEquals(Map.of("channel.callback_key", "C", "channel.channel_id", "C", "channel.channel_key", "C",
          "channel.client_correlator", "C", "channel.user_id", "C", "notification.channel_id", "C"), collations);
    }
  }

  private static void migrate(EmbeddedPostgres postgres, String target) {
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").target(target)
        .load().migrate();
  }
}

package io.pushgate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.channel.CapabilityKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A database made by an earlier version upgrades in place: V4 gives existing channels their lookup keys. */
@Timeout(60)
class MigrationTest {
  @TempDir
  Path dir;

  @Test
  void testV4BackfillsTheCapabilityKeysOfExistingChannels() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").target("3")
          .load().migrate();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement()) {
        sql.execute("INSERT INTO channel (channel_id, user_id, channel_type, request_fingerprint, max_notifications,"
            + " callback_token, channel_token, lifetime_seconds, expires_at, created_at) VALUES ('c1', 'u', 'WebSockets',"
            + " 'f', 20, 'callbackToken123', 'channelToken456', 60, now() + interval '1 hour', now())");
      }
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
           Statement sql = connection.createStatement();
           ResultSet row = sql.executeQuery("SELECT callback_key, channel_key FROM channel WHERE channel_id = 'c1'")) {
        row.next();
        assertEquals(CapabilityKey.of("callbackToken123"), row.getString(1));
        assertEquals(CapabilityKey.of("channelToken456"), row.getString(2));
      }
    }
  }
}

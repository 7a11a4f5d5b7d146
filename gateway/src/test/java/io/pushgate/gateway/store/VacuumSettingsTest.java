package io.pushgate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.jooq.CloseableDSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check of the server's autovacuum settings, against real servers set each way. */
@Timeout(60)
class VacuumSettingsTest {
  @TempDir
  Path dir;

  @Test
  void testFailure_autovacuumOffAndAMinuteBetweenLooksAreBothReported() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir)
        .setServerConfig("autovacuum", "off").setServerConfig("autovacuum_naptime", "1min").start()) {
      List<String> problems = VacuumSettings.problems(DSL.using(postgres.getPostgresDatabase(), SQLDialect.POSTGRES));
      assertEquals(2, problems.size(), problems.toString());
      assertTrue(problems.get(0).startsWith("autovacuum is off in the database"), problems.get(0));
      assertTrue(problems.get(1).startsWith("autovacuum_naptime is 60 s in the database"), problems.get(1));
    }
  }

  @Test
  void testSuccess_theEmbeddedServersSettingsPass() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
         CloseableDSLContext dsl = DSL.using(server.jdbcUrl(), "postgres", "")) {
      assertEquals(List.of(), VacuumSettings.problems(dsl));
    }
  }
}

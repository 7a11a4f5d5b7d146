package io.pushgate.gateway.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * What the server's autovacuum settings mean for the notification table, read once at start. The
 * table is a queue: every row is deleted once its client confirms it, so it stays small only while
 * autovacuum keeps up (migration V6 asks for a vacuum after every 20,000 dead rows). The embedded
 * server is configured for that; an external one may not be. Measured here against an external
 * PostgreSQL with autovacuum off: after 100 s at 10,000 notifications a second the table held about
 * 896,000 dead rows in 388 MB, and PostgreSQL used 0.77–0.86 cores where it used 0.31–0.39 with
 * autovacuum on (bench/README, V8).
 */
final class VacuumSettings {
  /** Longer than this between autovacuum's looks, and a busy queue table grows between them. */
  static final int NAPTIME_ADVISED_SECONDS = 10;

  private VacuumSettings() {}

  /** One line per setting that will let the notification table bloat; empty when all is well. */
  static List<String> problems(DSLContext dsl) {
    // pg_settings gives the naptime in seconds, whatever unit it was set in
    Record settings = dsl.fetchOne("SELECT (SELECT setting FROM pg_settings WHERE name = 'autovacuum'),"
        + " (SELECT setting::int FROM pg_settings WHERE name = 'autovacuum_naptime')");
    List<String> problems = new ArrayList<>();
    if (!"on".equals(settings.get(0, String.class))) {
      problems.add("autovacuum is off in the database: the notification table is a queue whose every row is"
          + " deleted once confirmed, and without vacuuming its dead rows pile up and slow every commit and"
          + " confirmation; turn autovacuum on (README, Configuration)");
    }
    int naptimeSeconds = settings.get(1, Integer.class);
    if (naptimeSeconds > NAPTIME_ADVISED_SECONDS) {
      problems.add("autovacuum_naptime is " + naptimeSeconds + " s in the database: under sustained load the"
          + " notification table grows between autovacuum's looks; a few seconds is advised (README, Configuration)");
    }
    return problems;
  }
}

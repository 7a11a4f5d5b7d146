package io.pushgate.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The group-commit benchmark's trial on the embedded PostgreSQL: each benchmark method's append is in
 * the table when it returns, and the trial's end leaves no directory behind.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GroupCommitBenchmarkTest {
  @Test
  void appendsAreCommittedRowsAndTheTrialCleansUp() {
    GroupCommitBenchmark benchmark = new GroupCommitBenchmark();
    benchmark.dbUrl = InProcessGateway.EMBEDDED;
    benchmark.dbUser = "postgres";
    benchmark.channels = 3;
    benchmark.payloadBytes = 256;
    benchmark.setUp();
    Path dataDir = benchmark.gateway().dataDir();
    try {
      GroupCommitBenchmark.Enabler enabler = new GroupCommitBenchmark.Enabler();
      benchmark.append1(enabler);
      benchmark.append100(enabler);
      benchmark.append1(enabler);
      int rows = benchmark.gateway().component().database().dsl().fetchCount(DSL.table("notification"));
      assertEquals(102, rows);
    } finally {
      benchmark.tearDown();
    }
    assertFalse(Files.exists(dataDir), "the temporary data directory is deleted");
  }
}

package io.pushgate.bench.loadtest;

import static io.pushgate.bench.loadtest.CommandLineOutcome.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line of runs against Nchan: what is refused before anything starts, and the defaults. */
class NchanOptionsTest {
  @TempDir
  Path dir;

  private static MillionCommand million(String... args) {
    CommandLine.ParseResult parsed = new CommandLine(new LoadTestCommand()).parseArgs(args);
    return (MillionCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void millionPostsOneNotificationPerRequestWhenNchanIsInvolved_andAHundredOtherwise() {
    assertEquals(100, million("million", "--start-gateway").batch());
    assertEquals(1, million("million", "--start-gateway", "--compare-nchan").batch());
    assertEquals(1, million("million", "--nchan").batch());
    assertEquals(10, million("million", "--start-gateway", "--batch", "10").batch());
  }

  @Test
  void aBatchAboveOneIsRefusedAgainstNchanBeforeAnythingStarts() {
    Path reports = dir.resolve("reports");
    CommandLineOutcome o = execute("unicast", "--start-gateway", "--compare-nchan", "--batch", "5", "--report-dir", reports.toString());
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("Nchan publishes one message per POST") && o.err().contains("--batch 1"), o.err());
    assertFalse(Files.exists(reports), "nothing was started");
    assertEquals(2, execute("million", "--nchan", "--batch", "100").exit());
  }

  @Test
  void bothNchanAndCompareNchanIsRefused() {
    CommandLineOutcome o = execute("unicast", "--nchan", "--compare-nchan");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("not both"), o.err());
  }

  @Test
  void nchanNotThereExitsWith2AndSaysWhatToDo() {
    CommandLineOutcome o = execute("unicast", "--nchan", "--nchan-script", dir.resolve("missing").toString(),
        "--report-dir", dir.resolve("r").toString());
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--nchan-script"), o.err());
  }
}

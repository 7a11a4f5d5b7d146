package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The idle workers' command line: what the parent passes is what a child reads. */
class ChildFleetTest {
  private static Object parse(String... args) {
    return new CommandLine(new LoadTestCommand()).parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void aChildReadsTheParentsClientOptionsAndSourceAddressesOfItsOwn() {
    IdleCommand parent = (IdleCommand) parse("idle", "--start-gateway", "--source-addresses", "4",
        "--client-threads", "3", "--connect-concurrency", "17", "--connect-timeout", "9s");
    IdleWorkerCommand child = (IdleWorkerCommand) parse(
        ChildFleet.workerArgs(Path.of("slice.uris"), 2, parent.client, parent.client.connectTimeout)
            .toArray(String[]::new));
    assertEquals(Path.of("slice.uris"), child.uris);
    assertEquals(4, child.client.sourceAddresses);
    assertEquals(8, child.sourceOffset, "after the addresses of children 0 and 1");
    assertEquals(3, child.client.clientThreads);
    assertEquals(17, child.client.connectConcurrency);
    assertEquals(Duration.ofSeconds(9), child.client.connectTimeout);
  }
}

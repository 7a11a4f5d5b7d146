package io.pushgate.bench.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the loadtest command line, its standard error captured: the exit code and what it said. */
record CommandLineOutcome(int exit, String err) {
  static CommandLineOutcome execute(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return new CommandLineOutcome(LoadTestCommand.execute(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }
}

package io.pushgate.bench.loadtest;

import io.pushgate.bench.nchan.NchanScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Whether a run measures Nchan, alone or after pushgate, and how nginx is started for it. */
final class NchanOptions {
  @Option(names = "--compare-nchan",
      description = "Run the workload against pushgate, then the same against Nchan (nginx + Nchan, started "
          + "through --nchan-script), and compare them side by side (bench/README.md, \"Nchan comparison\").")
  boolean compare;

  @Option(names = "--nchan",
      description = "Run the workload against Nchan only, instead of pushgate.")
  boolean only;

  @Option(names = "--nchan-script", paramLabel = "SCRIPT", defaultValue = "scripts/nchan",
      description = "The script that installs, configures and runs nginx with Nchan (default: ${DEFAULT-VALUE}).")
  Path script;

  @Option(names = "--nchan-workers", paramLabel = "N", defaultValue = "1",
      description = "nginx worker processes (default: ${DEFAULT-VALUE}: one core, as pushgate's work is "
          + "compared per core).")
  int workers;

  @Option(names = "--nchan-arg", paramLabel = "ARG",
      description = "An option for 'scripts/nchan run'; repeat it, e.g. --nchan-arg=--buffer=10.")
  List<String> args = new ArrayList<>();

  /** True when the run measures Nchan, alone or compared. */
  boolean involvesNchan() {
    return compare || only;
  }

  NchanScript script() {
    return new NchanScript(script);
  }

  void validate() {
    if (compare && only) {
      throw new IllegalArgumentException("give --compare-nchan (both servers) or --nchan (Nchan only), not both");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--nchan-workers must be at least 1");
    }
  }
}

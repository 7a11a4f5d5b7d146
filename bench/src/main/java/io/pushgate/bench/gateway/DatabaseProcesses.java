package io.pushgate.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL of a gateway the harness started: the postmaster whose command line names
 * the run's data directory, and its backends. It daemonizes (its parent is init, not the gateway), so
 * it is found by its data directory rather than among the gateway's children.
 */
final class DatabaseProcesses {
  private DatabaseProcesses() {}

  /** The postmaster and everything under it; empty when none is running. */
  static List<ProcessHandle> of(Path dataDir) {
    String needle = dataDir.toString();
    Optional<ProcessHandle> postmaster;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      postmaster = all.filter(p -> {
        String command = commandLine(p.pid());
        return command.contains(needle) && command.contains("postgres");
      }).findFirst();
    }
    if (postmaster.isEmpty()) {
      return List.of();
    }
    List<ProcessHandle> processes = new ArrayList<>();
    processes.add(postmaster.get());
    try (Stream<ProcessHandle> children = postmaster.get().descendants()) {
      children.forEach(processes::add);
    }
    return processes;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

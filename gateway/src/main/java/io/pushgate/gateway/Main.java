package io.pushgate.gateway;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Starts pushgate in the foreground: parses flags and environment into one {@link GatewayConfig},
 * builds the Dagger graph, starts the gateway and stops it cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {
  /** Exit code for a configuration the gateway refuses to start with. */
  static final int EXIT_INVALID_CONFIG = 2;
  static final int EXIT_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs until the gateway stops; returns the process exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    GatewayConfig config;
    try {
      CommandLine commandLine = commandLine(out, err);
      CommandLine.ParseResult parsed = commandLine.parseArgs(args);
      Integer helped = CommandLine.executeHelpRequest(parsed);
      if (helped != null) {
        return helped;
      }
      if (parsed.subcommand() != null) {
        return parsed.subcommand().commandSpec().commandLine().<TokenCommand>getCommand().call();
      }
      GatewayCommand command = commandLine.getCommand();
      command.configureLogging();
      config = command.toConfig();
    } catch (ParameterException e) {
      err.println("pushgate: " + e.getMessage());
      err.println("Run with --help to see every option.");
      return EXIT_INVALID_CONFIG;
    } catch (IllegalArgumentException e) {
      return invalidConfiguration(err, e);
    }

    Logger log = LoggerFactory.getLogger(Main.class);
    Gateway gateway;
    try {
      gateway = GatewayComponent.create(config).gateway(); // reads the TLS files
    } catch (InvalidConfigurationException e) {
      return invalidConfiguration(err, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "pushgate-shutdown"));
    try {
      gateway.start(); // reads the JWKS file; on any failure closes what it started
      gateway.awaitClosed();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      gateway.close();
      return 0;
    } catch (InvalidConfigurationException e) {
      return invalidConfiguration(err, e);
    } catch (RuntimeException e) {
      log.error("pushgate failed to start: {}", e.getMessage(), e);
      return EXIT_FAILED;
    }
  }

  /** A value the user must change: one line, no stack trace (it is not a bug of the gateway). */
  private static int invalidConfiguration(PrintWriter err, IllegalArgumentException e) {
    err.println("pushgate: invalid configuration: " + e.getMessage());
    return EXIT_INVALID_CONFIG;
  }

  /**
   * Parses {@code args} exactly as {@link #main} does and builds the gateway's object graph, not yet
   * started; for tests and embedding.
   */
  public static GatewayComponent component(String... args) {
    CommandLine commandLine = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    commandLine.parseArgs(args);
    return GatewayComponent.create(commandLine.<GatewayCommand>getCommand().toConfig());
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return new CommandLine(new GatewayCommand()).addSubcommand("token", new TokenCommand()).setOut(out).setErr(err);
  }
}

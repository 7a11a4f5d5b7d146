package io.pushgate.bench.nchan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/nchan}, which installs, configures and runs nginx with Nchan: the harness asks it
 * whether Nchan is installed and has it start nginx, so the configuration lives in one place.
 */
public final class NchanScript {
  private final Path script;

  public NchanScript(Path script) {
    this.script = script;
  }

  public Path path() {
    return script;
  }

  /**
   * Fails unless nginx and the Nchan module are installed ({@code scripts/nchan check}).
   *
   * @throws NchanUnavailableException with the script's word on what to do
   */
  public void requireInstalled() throws InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new NchanUnavailableException("no " + script + " (--nchan-script): run the harness from pushgate's "
          + "checkout, or name the script");
    }
    try {
      Process check = new ProcessBuilder("bash", script.toString(), "check").redirectErrorStream(true).start();
      byte[] said = check.getInputStream().readAllBytes(); // a few lines; it ends when the script does
      if (!check.waitFor(30, TimeUnit.SECONDS)) {
        check.destroyForcibly();
        throw new NchanUnavailableException(script + " check did not finish within 30 s");
      }
      if (check.exitValue() != 0) {
        throw new NchanUnavailableException(new String(said, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException e) {
      throw new NchanUnavailableException("could not run " + script + ": " + e.getMessage());
    }
  }

  /**
   * The command that runs nginx in the foreground: {@code bash scripts/nchan run ...}. The script
   * execs nginx, so the process started is nginx's master.
   *
   * @param port loopback port to listen on
   * @param dir prefix directory for its configuration, pid file and error log
   * @param workers nginx worker processes
   * @param extraArgs more options of {@code scripts/nchan run}, e.g. {@code --buffer=10}
   */
  public List<String> runCommand(int port, Path dir, int workers, List<String> extraArgs) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), "run", "--port", Integer.toString(port),
        "--dir", dir.toAbsolutePath().toString(), "--workers", Integer.toString(workers)));
    command.addAll(extraArgs);
    return command;
  }
}

package io.pushgate.bench.nchan;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find {@code scripts/nchan}: up from the working directory (Maven runs them in bench/). */
public final class NchanScripts {
  private NchanScripts() {}

  public static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts").resolve("nchan");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no scripts/nchan above " + Path.of("").toAbsolutePath());
  }

  /** True when nginx and the Nchan module are installed here ({@code scripts/nchan check}). */
  public static boolean installed() throws InterruptedException {
    try {
      new NchanScript(script()).requireInstalled();
      return true;
    } catch (NchanUnavailableException e) {
      return false;
    }
  }
}

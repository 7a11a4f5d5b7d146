package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Path;

/** Starts (or reaches) the server a run measures; its logs go to the run's report directory. */
@FunctionalInterface
interface ServerLauncher {
  ServerUnderTest launch(Path reportDir) throws IOException, InterruptedException;
}

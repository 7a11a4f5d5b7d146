package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.metrics.LoadMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Idle WebSockets held by child JVMs ({@code loadtest idle-worker}), for more connections than one
 * process may have open files (20,000 here). Each child gets a slice of the channelURLs in a file and
 * its own source addresses, prints {@code opened <ok> <failed> <seconds>} once and {@code conns <n>}
 * every second, and exits when its standard input closes: so children never outlive the harness.
 */
final class ChildFleet implements AutoCloseable {
  private final List<Child> children = new ArrayList<>();
  private final LoadMetrics metrics;
  private final PrintStream out;

  ChildFleet(LoadMetrics metrics, PrintStream out) {
    this.metrics = metrics;
    this.out = out;
  }

  /** Starts {@code processes} children over {@code uris} and waits until each has reported its opening. */
  SubscriberFleet.Opened open(List<URI> uris, int processes, ClientOptions client, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    int per = (uris.size() + processes - 1) / processes;
    for (int j = 0; j < processes && j * per < uris.size(); j++) {
      List<URI> slice = uris.subList(j * per, Math.min(uris.size(), (j + 1) * per));
      Path file = workDir.resolve("idle-worker-" + j + ".uris");
      Files.write(file, slice.stream().map(URI::toString).toList(), StandardCharsets.US_ASCII);
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
          "-cp", System.getProperty("java.class.path"), "io.pushgate.bench.Main", "loadtest"));
      command.addAll(workerArgs(file, j, client, timeout));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Child child = new Child(j, process, file, slice.size());
      children.add(child);
      child.reader.start();
    }
    int opened = 0;
    int failed = 0;
    for (Child child : children) {
      long left = timeout.toNanos() + TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - start);
      if (!child.opened.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("idle worker " + child.index + " did not report its connections");
      }
      opened += child.ok;
      failed += child.failed;
    }
    return new SubscriberFleet.Opened(opened, failed, (System.nanoTime() - start) / 1e9,
        failed > 0 ? "see the idle workers' output above" : null);
  }

  /**
   * Child {@code index}'s arguments after {@code loadtest}: its slice of the URLs, source addresses
   * of its own, and the parent's client options that opening sockets uses.
   */
  static List<String> workerArgs(Path uris, int index, ClientOptions client, Duration connectTimeout) {
    return List.of("idle-worker", "--uris", uris.toString(),
        "--source-addresses", Integer.toString(client.sourceAddresses),
        "--source-offset", Integer.toString(index * client.sourceAddresses),
        "--client-threads", Integer.toString(client.clientThreads),
        "--connect-concurrency", Integer.toString(client.connectConcurrency),
        "--connect-timeout", connectTimeout.toMillis() + "ms");
  }

  /** Closes the children's input (they close their sockets and exit), then makes sure they are gone. */
  @Override
  public void close() {
    for (Child child : children) {
      try {
        child.process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
    }
    for (Child child : children) {
      try {
        if (!child.process.waitFor(15, TimeUnit.SECONDS)) {
          child.process.destroyForcibly();
        }
        Files.deleteIfExists(child.uris);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.process.destroyForcibly();
      } catch (IOException e) {
        // a leftover list of URLs in the report directory harms nobody
      }
    }
  }

  /** One child and the thread reading its reports. */
  private final class Child {
    final int index;
    final Process process;
    final Path uris;
    final CountDownLatch opened = new CountDownLatch(1);
    final Thread reader;
    volatile int ok;
    volatile int failed;
    private int connections;

    /** {@code sockets}: its slice; all count as failed until the child reports what it opened. */
    Child(int index, Process process, Path uris, int sockets) {
      this.failed = sockets; // a child that dies before its report opened nothing
      this.index = index;
      this.process = process;
      this.uris = uris;
      this.reader = new Thread(this::read, "bench-idle-worker-" + index);
      this.reader.setDaemon(true);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          String[] f = line.trim().split("\\s+");
          if (f.length == 4 && f[0].equals("opened")) {
            ok = Integer.parseInt(f[1]);
            failed = Integer.parseInt(f[2]);
            opened.countDown();
          } else if (f.length == 2 && f[0].equals("conns")) {
            track(Integer.parseInt(f[1]));
          } else {
            out.println("idle-worker " + index + ": " + line);
          }
        }
      } catch (IOException | NumberFormatException e) {
        out.println("idle-worker " + index + ": unreadable report: " + e);
      } finally {
        track(0);
        opened.countDown();
      }
    }

    /** Moves the parent's connection gauge by what this child gained or lost. */
    private void track(int now) {
      for (; connections < now; connections++) {
        metrics.connectionOpened();
      }
      for (; connections > now; connections--) {
        metrics.connectionClosed();
      }
    }
  }
}

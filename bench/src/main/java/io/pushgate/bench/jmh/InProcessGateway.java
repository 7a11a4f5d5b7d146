package io.pushgate.bench.jmh;

import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.Main;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.model.ChannelType;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.WebSocketsData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole gateway started in this JVM, for benchmarks that call its internals: the production object
 * graph built from command-line flags, with a throw-away data directory (and so its own embedded
 * PostgreSQL) unless an external database is named. Closing it deletes the channels it made, stops it
 * and deletes the directory.
 */
final class InProcessGateway implements AutoCloseable {
  /** The value of a benchmark's {@code dbUrl} parameter that means "the embedded PostgreSQL". */
  static final String EMBEDDED = "embedded";

  private final Path dataDir;
  private final GatewayComponent component;
  private final List<Channel> created = new ArrayList<>();

  private InProcessGateway(Path dataDir, GatewayComponent component) {
    this.dataDir = dataDir;
    this.component = component;
  }

  /**
   * Starts a gateway on free loopback ports without authentication.
   *
   * @param dbUrl  a PostgreSQL JDBC URL, or {@link #EMBEDDED}
   * @param dbUser the user for {@code dbUrl}; unused with the embedded database
   * @param flags  more gateway flags
   */
  static InProcessGateway start(String dbUrl, String dbUser, String... flags) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("pushgate-jmh-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--admin-port", "0",
        "--data-dir", dataDir.toString(), "--auth", "none"));
    if (!dbUrl.equals(EMBEDDED)) {
      args.addAll(List.of("--db-url", dbUrl, "--db-user", dbUser));
    }
    args.addAll(List.of(flags));
    InProcessGateway started = new InProcessGateway(dataDir, Main.component(args.toArray(String[]::new)));
    try {
      started.component.gateway().start();
    } catch (RuntimeException e) {
      started.deleteDataDir();
      throw e;
    }
    return started;
  }

  GatewayComponent component() {
    return component;
  }

  /** The throw-away data directory (the embedded PostgreSQL's, when there is no external one). */
  Path dataDir() {
    return dataDir;
  }

  /**
   * Creates {@code count} WebSockets channels, one user each, through the channel service as the REST
   * API does, and returns their live state, looked up by callback token as an enabler's POST finds it.
   */
  List<LiveChannel> createChannels(int count) {
    List<LiveChannel> live = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      NotificationChannel request = new NotificationChannel(null, null, ChannelType.WebSockets,
          new WebSocketsData(null, 100), null, null, null);
      Channel channel = await(component.channelService().create("jmh-" + i, request)).channel();
      created.add(channel);
      live.add(await(component.liveChannels().byCallbackToken(channel.callbackToken()))
          .orElseThrow(() -> new IllegalStateException("channel " + channel.channelId() + " not found")));
    }
    return live;
  }

  /** Deletes the channels made here (their notifications go with them), stops the gateway, deletes its directory. */
  @Override
  public void close() {
    try {
      for (Channel channel : created) {
        await(component.channelService().delete(channel.userId(), channel.channelId()));
      }
    } finally {
      component.gateway().close();
      deleteDataDir();
    }
  }

  private void deleteDataDir() {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dataDir, e);
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the gateway did not answer: " + e, e);
    }
  }
}

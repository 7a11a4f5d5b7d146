package io.pushgate.bench.nchan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pushgate.bench.gateway.ChannelInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/nchan's configuration (written by bash alone, so this runs without nginx), its refusals,
 * and the channels the harness derives for Nchan. With nginx and Nchan installed, nginx itself checks
 * the configuration too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NchanScriptTest {
  @TempDir
  Path dir;

  private record Outcome(int exit, String output) {}

  private static Outcome script(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", NchanScripts.script().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ends");
    return new Outcome(p.exitValue(), output);
  }

  private String config() throws IOException, InterruptedException {
    Outcome written = script("config", "--dir", dir.toString(), "--port", "18123", "--workers", "3", "--buffer", "7");
    assertEquals(0, written.exit(), written.output());
    Path conf = dir.toRealPath().resolve("nginx.conf");
    assertEquals(conf.toString(), written.output().trim(), "it prints the config's path");
    return Files.readString(conf, StandardCharsets.UTF_8);
  }

  @Test
  void writesASelfContainedConfigWithPublisherAndSubscriberLocations() throws Exception {
    String conf = config();
    String prefix = dir.toRealPath().toString();
    assertTrue(conf.contains("load_module ") && conf.contains("ngx_nchan_module.so;"), "the module is loaded");
    assertTrue(conf.contains("daemon off;"), "foreground, so the harness's child is nginx's master");
    assertTrue(conf.contains("worker_processes 3;"));
    assertTrue(conf.contains("listen 127.0.0.1:18123"), "loopback only");
    assertTrue(conf.contains("pid " + prefix + "/nginx.pid;") && conf.contains("error_log " + prefix + "/error.log"),
        "pid and log in the prefix directory");
    assertTrue(conf.contains("access_log off;"));
    assertTrue(conf.contains("client_body_temp_path " + prefix + "/temp/client_body;"), "no writes outside the prefix");
    assertTrue(conf.contains("location ~ ^/pub/([A-Za-z0-9_-]+)$ {\n      nchan_publisher;\n      nchan_channel_id $1;"),
        conf);
    assertTrue(conf.contains("nchan_subscriber websocket eventsource longpoll;"));
    assertTrue(conf.contains("nchan_subscriber_first_message newest;"), "a reconnect does not replay");
    assertTrue(conf.contains("nchan_message_buffer_length 7;") && conf.contains("nchan_message_timeout 30s;"));
    assertTrue(conf.contains("location = /health/ready"), "the harness's readiness probe");
    assertTrue(!conf.matches("(?s).*\\n\\s*nchan_(redis_|use_redis).*"), "in-memory storage: no Redis directive");
    // nginx's setrlimit fails above the hard limit, and each worker needs descriptors beyond its
    // connections (listeners, logs)
    long files = directive(conf, "worker_rlimit_nofile");
    assertTrue(files <= hardOpenFilesLimit(), "within the hard open-files limit: " + files);
    assertTrue(directive(conf, "worker_connections") <= files - 64, "room beside the connections: " + conf);
  }

  @Test
  void roomFor15000WebSocketsWhereTheHardLimitAllowsIt() throws Exception {
    long hard = hardOpenFilesLimit();
    // the script gives nginx no more than the hard limit, 64 of them for its own files, and no
    // process can raise its hard limit: below that, the room is the machine's, not the script's
    assumeTrue(hard >= 15_064, "the hard open-files limit (ulimit -Hn) is " + hard
        + ", below the 15,064 that 15,000 WebSockets need here");
    long connections = directive(config(), "worker_connections");
    assertTrue(connections >= 15_000, "room for 15,000 WebSockets and the enablers: " + connections);
  }

  private static long directive(String conf, String name) {
    return Long.parseLong(conf.replaceAll("(?s).*\\n\\s*" + name + " (\\d+);.*", "$1"));
  }

  /** The hard open-files limit the script sees, as bash reports it. */
  private static long hardOpenFilesLimit() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "ulimit -Hn").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash ends");
    return output.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(output);
  }

  @Test
  void nginxAcceptsTheConfig() throws Exception {
    assumeTrue(NchanScripts.installed(), "nginx with Nchan is not installed (scripts/nchan install)");
    config();
    Process test = new ProcessBuilder("nginx", "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-e", dir.resolve("error.log").toString()).redirectErrorStream(true).start();
    String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(test.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, test.exitValue(), output);
  }

  @Test
  void refusesBadOptionsWithExitCode2() throws Exception {
    for (String[] bad : new String[][] {{"run", "--port", "x"}, {"config", "--workers", "0"}, {"config", "--nope"},
        {"frobnicate"}, {}}) {
      Outcome o = script(bad);
      assertEquals(2, o.exit(), String.join(" ", bad) + ": " + o.output());
    }
    Outcome help = script("--help");
    assertEquals(0, help.exit());
    assertTrue(help.output().contains("scripts/nchan install"), help.output());
  }

  @Test
  void aMissingScriptIsReportedAsNchanUnavailable() {
    NchanUnavailableException e = assertThrows(NchanUnavailableException.class,
        () -> new NchanScript(dir.resolve("no-such-script")).requireInstalled());
    assertTrue(e.getMessage().contains("--nchan-script"), e.getMessage());
  }

  @Test
  void runIsTheScriptExecingNginxWithThePortDirectoryAndWorkers() {
    NchanScript script = new NchanScript(Path.of("scripts/nchan"));
    assertEquals(List.of("bash", "scripts/nchan", "run", "--port", "8123", "--dir", dir.toAbsolutePath().toString(),
        "--workers", "2", "--buffer=10"), script.runCommand(8123, dir, 2, List.of("--buffer=10")));
  }

  @Test
  void channelIsPostedToAtPubAndSubscribedToAtSub() {
    List<ChannelInfo> channels = NchanChannels.of(URI.create("http://127.0.0.1:8090"), 3);
    assertEquals(3, channels.size());
    ChannelInfo c = channels.get(2);
    assertEquals(2, c.index());
    assertEquals("/pub/bench-2", c.callbackPath());
    assertEquals("http://127.0.0.1:8090/pub/bench-2", c.callbackUrl());
    assertEquals(URI.create("ws://127.0.0.1:8090/sub/bench-2"), c.channelUri());
  }
}

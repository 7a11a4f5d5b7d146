package io.pushgate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.gateway.store.NotificationRepository.Append;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.RawNotification;
import io.pushgate.model.WebSocketsData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notification log's rows: the binary COPY append and the batched removal, on the embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class NotificationRepositoryTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass();
  private NotificationRepository notifications;
  private ChannelService channels;

  @BeforeAll
  void start() {
    notifications = gateway.component().notificationRepository();
    channels = gateway.component().channelService();
  }

  private String newChannel(String user) throws Exception {
    NotificationChannel request = new NotificationChannel(null, null, ChannelType.WebSockets,
        new WebSocketsData(null, 10), 600, null, null);
    return channels.create(user, request).get(10, TimeUnit.SECONDS).channel().channelId();
  }

  @Test
  void testSuccess_copiedRowsReadBackByteForByte() throws Exception {
    String id = newChannel("copy-user");
    byte[] json = "{\"movieNotification\":{\"title\":\"Amélie — 天使\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] xml = "<ñotice><x/></ñotice>".getBytes(StandardCharsets.UTF_8);
    byte[] empty = new byte[0];
    Instant accepted = Instant.parse("2026-11-22T10:15:30.123456Z");
    notifications.append(List.of(
        new Append(id, 1, new RawNotification("movieNotification", MediaFormat.JSON, json)),
        new Append(id, 2, new RawNotification("ñotice", MediaFormat.XML, xml)),
        new Append(id, 3, new RawNotification("e", MediaFormat.JSON, empty))), accepted);

    List<LoggedNotification> read = notifications.readAfter(id, 0, 10);
    assertEquals(List.of(1L, 2L, 3L), read.stream().map(LoggedNotification::seq).toList());
    assertArrayEquals(json, read.get(0).notification().body());
    assertEquals("movieNotification", read.get(0).notification().rootName());
    assertEquals(MediaFormat.XML, read.get(1).notification().format());
    assertEquals("ñotice", read.get(1).notification().rootName());
    assertArrayEquals(xml, read.get(1).notification().body());
    assertArrayEquals(empty, read.get(2).notification().body());
    // the timestamp's binary form: microseconds since 2000-01-01 UTC
    Object stored = gateway.component().database().dsl()
        .fetchValue("SELECT accepted_at FROM notification WHERE channel_id = {0} AND seq = 1", org.jooq.impl.DSL.val(id));
    assertEquals(accepted, ((java.time.OffsetDateTime) stored).toInstant());
  }

  @Test
  void testSuccess_notificationsGoWithTheirChannel() throws Exception {
    String kept = newChannel("follow-kept");
    String deleted = newChannel("follow-deleted");
    RawNotification n = new RawNotification("a", MediaFormat.JSON, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    notifications.append(List.of(new Append(kept, 1, n), new Append(deleted, 1, n), new Append(deleted, 2, n)),
        Instant.now());
    assertTrue(channels.delete("follow-deleted", deleted).get(10, TimeUnit.SECONDS));
    assertEquals(List.of(), notifications.readAfter(deleted, 0, 10), "the channel's rows went with it");
    assertEquals(1, notifications.readAfter(kept, 0, 10).size());

    // rows committed after their channel went (no foreign key stops them) are removed at the next start
    notifications.append(List.of(new Append(deleted, 3, n), new Append("never-existed", 1, n)), Instant.now());
    assertEquals(2, notifications.removeOrphans());
    assertEquals(List.of(), notifications.readAfter(deleted, 0, 10));
    assertEquals(1, notifications.readAfter(kept, 0, 10).size(), "a live channel's rows stay");
  }

  @Test
  void testSuccess_oneRemovalForManyChannels() throws Exception {
    String a = newChannel("trim-a");
    String b = newChannel("trim-b");
    String c = newChannel("trim-c");
    List<Append> rows = new ArrayList<>();
    for (String id : List.of(a, b, c)) {
      for (long seq = 1; seq <= 5; seq++) {
        rows.add(new Append(id, seq, new RawNotification("a", MediaFormat.JSON, new byte[] {'{', '}'})));
      }
    }
    notifications.append(rows, Instant.now());

    Map<String, Long> cuts = new LinkedHashMap<>();
    cuts.put(a, 2L);
    cuts.put(b, 5L);
    cuts.put("no-such-channel", 9L);
    assertEquals(2 + 5, notifications.removeUpTo(cuts));

    assertEquals(List.of(3L, 4L, 5L), notifications.readAfter(a, 0, 10).stream().map(LoggedNotification::seq).toList());
    assertTrue(notifications.readAfter(b, 0, 10).isEmpty());
    assertEquals(5, notifications.readAfter(c, 0, 10).size(), "a channel not named keeps its rows");
    // an emptied log still remembers its numbering
    assertEquals(new NotificationRepository.LogState(6, 5), notifications.state(b, lastSeq(b)));
    assertEquals(2L, lastSeq(a));
    assertEquals(0, notifications.removeUpTo(Map.of(a, 1L)), "removing again removes nothing");
    assertEquals(2L, lastSeq(a), "the remembered number never goes back");
  }

  @Test
  void testTheQueueTableIsVacuumedAsItsRowsAreConfirmed() {
    org.jooq.DSLContext sql = gateway.component().database().dsl();
    String options = String.valueOf(sql.fetchValue(
        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'notification'"));
    assertTrue(options.contains("autovacuum_vacuum_scale_factor=0"), options);
    assertTrue(options.contains("autovacuum_vacuum_threshold=20000"), options);
    assertTrue(options.contains("autovacuum_vacuum_cost_delay=0"), options);
    // the embedded server looks for tables to vacuum every second, not every minute
    assertEquals("1s", sql.fetchValue("SHOW autovacuum_naptime"));
  }

  private long lastSeq(String channelId) {
    return ((Number) gateway.component().database().dsl()
        .fetchValue("SELECT last_seq FROM channel WHERE channel_id = {0}", org.jooq.impl.DSL.val(channelId))).longValue();
  }
}

package io.pushgate.gateway.store;

import static io.pushgate.gateway.store.jooq.Tables.CHANNEL;
import static io.pushgate.gateway.store.jooq.Tables.NOTIFICATION;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;

import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.RawNotification;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The notification log's rows. Blocking JDBC: run on the {@link DbExecutor} or the log writer
 * thread, never on an event loop.
 */
@Singleton
public final class NotificationRepository {
  private static final short JSON = 0;
  private static final short XML = 1;

  /** The log's columns in COPY order; matches {@link #append}. */
  private static final String COPY_NOTIFICATIONS =
      "COPY notification (channel_id, seq, format, root_name, body, accepted_at) FROM STDIN (FORMAT binary)";
  /**
   * Both halves of a removal in one statement: data-modifying WITH queries always run to completion,
   * whether or not the final SELECT reads them.
   */
  private static final String REMOVE_UP_TO = """
      WITH cut (channel_id, seq) AS (SELECT * FROM unnest({0}::varchar[], {1}::bigint[])),
      removed AS (
        DELETE FROM notification n USING cut
        WHERE n.channel_id = cut.channel_id AND n.seq <= cut.seq
        RETURNING 1),
      advanced AS (
        UPDATE channel c SET last_seq = greatest(c.last_seq, cut.seq) FROM cut
        WHERE c.channel_id = cut.channel_id
        RETURNING 1)
      SELECT count(*)::int FROM removed""";

  private final Database database;
  private final ChannelRowBatches batches;

  @Inject
  NotificationRepository(Database database, ChannelRowBatches batches) {
    this.database = database;
    this.batches = batches;
  }

  /** One row to append: which channel, which sequence number, what. */
  public record Append(String channelId, long seq, RawNotification notification) {}

  /** Where a channel's log stands: the lowest stored sequence (or last + 1 when empty) and the last assigned. */
  public record LogState(long firstSeq, long lastSeq) {}

  /**
   * Inserts every row with one binary {@code COPY} (one round trip, no SQL to render or parse per
   * row); autocommit makes it durable when this returns. There is no foreign key to the channel
   * (see migration V5): the caller removes the rows of a channel deleted meanwhile.
   */
  public void append(List<Append> rows, Instant acceptedAt) {
    if (rows.isEmpty()) {
      return;
    }
    assert EventLoops.notOnEventLoop() : "notification append on an event loop";
    int bytes = 0;
    for (Append row : rows) {
      // per row: field count, 6 lengths, seq, format, timestamp, the texts (ASCII-sized guess) and the body
      bytes += 2 + 6 * 4 + 8 + 2 + 8 + row.channelId().length() + row.notification().rootName().length()
          + row.notification().body().length;
    }
    BinaryCopyRows copy = new BinaryCopyRows(bytes + 32);
    for (Append row : rows) {
      RawNotification n = row.notification();
      copy.row(6)
          .text(row.channelId())
          .int8(row.seq())
          .int2(n.format() == MediaFormat.XML ? XML : JSON)
          .text(n.rootName())
          .bytes(n.body())
          .timestamptz(acceptedAt);
    }
    copy.finish();
    database.dsl().connection(connection -> {
      CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_NOTIFICATIONS);
      try {
        in.writeToCopy(copy.array(), 0, copy.size());
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    });
  }

  /** Up to {@code limit} notifications of a channel after {@code afterSeq}, in order. */
  public List<LoggedNotification> readAfter(String channelId, long afterSeq, int limit) {
    return database.dsl()
        .select(NOTIFICATION.SEQ, NOTIFICATION.FORMAT, NOTIFICATION.ROOT_NAME, NOTIFICATION.BODY)
        .from(NOTIFICATION)
        .where(NOTIFICATION.CHANNEL_ID.eq(channelId), NOTIFICATION.SEQ.gt(afterSeq))
        .orderBy(NOTIFICATION.SEQ)
        .limit(limit)
        .fetch(row -> new LoggedNotification(row.value1(), new RawNotification(row.value3(),
            row.value2() == XML ? MediaFormat.XML : MediaFormat.JSON, row.value4())));
  }

  /**
   * Removes, for each channel in {@code cuts}, its notifications up to and including the given
   * sequence number (confirmed by the client or pushed out by the bound), and remembers that number
   * as handed out, so numbering continues after a restart even when the log is then empty. One
   * statement for all channels: one round trip and one commit however many confirmations it carries.
   *
   * @return how many rows went
   */
  public int removeUpTo(Map<String, Long> cuts) {
    if (cuts.isEmpty()) {
      return 0;
    }
    String[] channelIds = new String[cuts.size()];
    Long[] seqs = new Long[cuts.size()];
    int i = 0;
    for (Map.Entry<String, Long> cut : cuts.entrySet()) {
      channelIds[i] = cut.getKey();
      seqs[i++] = cut.getValue();
    }
    // it advances the channels' last_seq too: one batch of channel rows at a time
    Object removed = batches.run(() -> database.dsl().fetchValue(REMOVE_UP_TO, DSL.val(channelIds), DSL.val(seqs)));
    return removed == null ? 0 : ((Number) removed).intValue();
  }

  /**
   * Removes notifications whose channel no longer exists: committed just after their channel was
   * deleted, by a gateway that stopped before it could remove them. Run at start.
   */
  public int removeOrphans() {
    return database.dsl().deleteFrom(NOTIFICATION)
        .whereNotExists(DSL.selectOne().from(CHANNEL).where(CHANNEL.CHANNEL_ID.eq(NOTIFICATION.CHANNEL_ID)))
        .execute();
  }

  /** The state of a channel's log, to continue its numbering. */
  public LogState state(String channelId, long channelLastSeq) {
    Record2<Long, Long> row = database.dsl()
        .select(min(NOTIFICATION.SEQ), max(NOTIFICATION.SEQ))
        .from(NOTIFICATION)
        .where(NOTIFICATION.CHANNEL_ID.eq(channelId))
        .fetchOne();
    long last = Math.max(channelLastSeq, row == null || row.value2() == null ? 0 : row.value2());
    long first = row == null || row.value1() == null ? last + 1 : row.value1();
    return new LogState(first, last);
  }
}

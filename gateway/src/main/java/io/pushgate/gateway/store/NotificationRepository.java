package io.pushgate.gateway.store;

import static io.pushgate.gateway.store.jooq.Tables.CHANNEL;
import static io.pushgate.gateway.store.jooq.Tables.NOTIFICATION;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.val;

import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.gateway.store.jooq.tables.records.NotificationRecord;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.RawNotification;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.jooq.InsertValuesStep6;
import org.jooq.Record2;

/**
 * The notification log's rows. Blocking JDBC: run on the {@link DbExecutor} or the log writer
 * thread, never on an event loop.
 */
@Singleton
public final class NotificationRepository {
  private static final short JSON = 0;
  private static final short XML = 1;

  private final Database database;

  @Inject
  NotificationRepository(Database database) {
    this.database = database;
  }

  /** One row to append: which channel, which sequence number, what. */
  public record Append(String channelId, long seq, RawNotification notification) {}

  /** Where a channel's log stands: the lowest stored sequence (or last + 1 when empty) and the last assigned. */
  public record LogState(long firstSeq, long lastSeq) {}

  /** Inserts every row in one multi-row statement (one round trip); autocommit makes it durable. */
  public void append(List<Append> rows, Instant acceptedAt) {
    if (rows.isEmpty()) {
      return;
    }
    InsertValuesStep6<NotificationRecord, String, Long, Short, String, byte[], Instant> insert = database.dsl()
        .insertInto(NOTIFICATION, NOTIFICATION.CHANNEL_ID, NOTIFICATION.SEQ, NOTIFICATION.FORMAT,
            NOTIFICATION.ROOT_NAME, NOTIFICATION.BODY, NOTIFICATION.ACCEPTED_AT);
    for (Append row : rows) {
      RawNotification n = row.notification();
      insert = insert.values(row.channelId(), row.seq(), n.format() == MediaFormat.XML ? XML : JSON, n.rootName(),
          n.body(), acceptedAt);
    }
    insert.execute();
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
   * Removes a channel's notifications up to and including {@code seq} (confirmed by the client or
   * pushed out by the bound) and remembers {@code seq} as handed out, in one transaction.
   *
   * @return how many rows went
   */
  public int removeUpTo(String channelId, long seq) {
    return database.dsl().transactionResult(tx -> {
      int removed = tx.dsl().deleteFrom(NOTIFICATION)
          .where(NOTIFICATION.CHANNEL_ID.eq(channelId), NOTIFICATION.SEQ.le(seq))
          .execute();
      tx.dsl().update(CHANNEL)
          .set(CHANNEL.LAST_SEQ, greatest(CHANNEL.LAST_SEQ, val(seq)))
          .where(CHANNEL.CHANNEL_ID.eq(channelId))
          .execute();
      return removed;
    });
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

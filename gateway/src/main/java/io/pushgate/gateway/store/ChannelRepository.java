package io.pushgate.gateway.store;

import static io.pushgate.gateway.store.jooq.Tables.CHANNEL;

import io.pushgate.gateway.channel.CapabilityKey;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.gateway.store.jooq.tables.records.ChannelRecord;
import io.pushgate.model.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

/**
 * Channel rows. Every method is blocking JDBC and must run on the {@link DbExecutor} (the
 * {@link EventLoopGuard} fails tests that forget). "Live" means not yet expired at {@code now}: an
 * expired row is invisible here even before the sweep deletes it.
 */
@Singleton
public final class ChannelRepository {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final ChannelRowBatches batches;

  @Inject
  ChannelRepository(Database database, ChannelRowBatches batches) {
    this.database = database;
    this.batches = batches;
  }

  /** A stored channel with the fingerprint of the request that created it. */
  public record StoredChannel(Channel channel, String requestFingerprint) {}

  /** Thrown by {@link #insert} when the user already has a row with the same clientCorrelator. */
  public static final class CorrelatorTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorrelatorTakenException() {
      super("clientCorrelator already used by this user", null, false, false);
    }
  }

  public void insert(Channel channel, String requestFingerprint) {
    ChannelRecord row = database.dsl().newRecord(CHANNEL);
    row.setChannelId(channel.channelId());
    row.setUserId(channel.userId());
    row.setChannelType(channel.channelType().name());
    row.setClientCorrelator(channel.clientCorrelator());
    row.setApplicationTag(channel.applicationTag());
    row.setRequestFingerprint(requestFingerprint);
    row.setMaxNotifications(channel.maxNotifications());
    row.setMaxWaitTime(channel.maxWaitTime());
    row.setCallbackToken(channel.callbackToken());
    row.setChannelToken(channel.channelToken());
    row.setCallbackKey(CapabilityKey.of(channel.callbackToken()));
    row.setChannelKey(CapabilityKey.of(channel.channelToken()));
    row.setLifetimeSeconds(channel.lifetimeSeconds());
    row.setExpiresAt(channel.expiresAt());
    row.setCreatedAt(channel.createdAt());
    try {
      row.insert();
    } catch (DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState()) && channel.clientCorrelator() != null) {
        throw new CorrelatorTakenException();
      }
      throw e;
    }
  }

  public Optional<Channel> findLive(String userId, String channelId, Instant now) {
    return database.dsl().selectFrom(CHANNEL)
        .where(CHANNEL.USER_ID.eq(userId), CHANNEL.CHANNEL_ID.eq(channelId), CHANNEL.EXPIRES_AT.gt(now))
        .fetchOptional()
        .map(ChannelRepository::toChannel);
  }

  /** The live channel whose callbackURL carries {@code token} (found by its key), with its log's last sequence number. */
  public Optional<ChannelWithSeq> findLiveByCallbackToken(String token, Instant now) {
    return findLiveBy(CHANNEL.CALLBACK_KEY.eq(CapabilityKey.of(token)), now)
        .filter(found -> CapabilityKey.matches(found.channel().callbackToken(), token));
  }

  /** The live channel whose channelURL carries {@code token}, with its log's last sequence number. */
  public Optional<ChannelWithSeq> findLiveByChannelToken(String token, Instant now) {
    return findLiveBy(CHANNEL.CHANNEL_KEY.eq(CapabilityKey.of(token)), now)
        .filter(found -> CapabilityKey.matches(found.channel().channelToken(), token));
  }

  /** A channel and the {@code last_seq} column (see the V2 migration). */
  public record ChannelWithSeq(Channel channel, long lastSeq) {}

  private Optional<ChannelWithSeq> findLiveBy(org.jooq.Condition condition, Instant now) {
    return database.dsl().selectFrom(CHANNEL)
        .where(condition, CHANNEL.EXPIRES_AT.gt(now))
        .fetchOptional()
        .map(row -> new ChannelWithSeq(toChannel(row), row.getLastSeq()));
  }

  /** The user's row with this correlator, live or expired-but-not-yet-swept. */
  public Optional<StoredChannel> findByCorrelator(String userId, String clientCorrelator) {
    return database.dsl().selectFrom(CHANNEL)
        .where(CHANNEL.USER_ID.eq(userId), CHANNEL.CLIENT_CORRELATOR.eq(clientCorrelator))
        .fetchOptional()
        .map(row -> new StoredChannel(toChannel(row), row.getRequestFingerprint()));
  }

  /** How many live channels the user holds. */
  public int countLive(String userId, Instant now) {
    return database.dsl().fetchCount(CHANNEL, CHANNEL.USER_ID.eq(userId).and(CHANNEL.EXPIRES_AT.gt(now)));
  }

  /** The user's live channels, oldest first. */
  public List<Channel> listLive(String userId, Instant now) {
    return database.dsl().selectFrom(CHANNEL)
        .where(CHANNEL.USER_ID.eq(userId), CHANNEL.EXPIRES_AT.gt(now))
        .orderBy(CHANNEL.CREATED_AT, CHANNEL.CHANNEL_ID)
        .fetch(ChannelRepository::toChannel);
  }

  /** Deletes a live channel; false when there was none. */
  public boolean deleteLive(String userId, String channelId, Instant now) {
    return database.dsl().deleteFrom(CHANNEL)
        .where(CHANNEL.USER_ID.eq(userId), CHANNEL.CHANNEL_ID.eq(channelId), CHANNEL.EXPIRES_AT.gt(now))
        .execute() == 1;
  }

  /** Whether the channel's row is there, expired or not. */
  public boolean exists(String channelId) {
    return database.dsl().fetchExists(CHANNEL, CHANNEL.CHANNEL_ID.eq(channelId));
  }

  /** Deletes one channel whatever its expiry (used to clear an expired row before reuse). */
  public boolean delete(String channelId) {
    return database.dsl().deleteFrom(CHANNEL).where(CHANNEL.CHANNEL_ID.eq(channelId)).execute() == 1;
  }

  /** Sets a live channel's granted lifetime and expiry; false when it has none (unknown or expired). */
  public boolean updateLifetime(String userId, String channelId, int lifetimeSeconds, Instant expiresAt, Instant now) {
    return database.dsl().update(CHANNEL)
        .set(CHANNEL.LIFETIME_SECONDS, lifetimeSeconds)
        .set(CHANNEL.EXPIRES_AT, expiresAt)
        .where(CHANNEL.USER_ID.eq(userId), CHANNEL.CHANNEL_ID.eq(channelId), CHANNEL.EXPIRES_AT.gt(now))
        .execute() == 1;
  }

  /** A lifetime granted to one channel of {@code userId}, expiring at {@code expiresAt}. */
  public record LifetimeRefresh(String userId, int lifetimeSeconds, Instant expiresAt) {}

  /**
   * Sets the lifetimes of many live channels in one statement (keyed by channel id); channels that
   * are unknown, of another user or expired by {@code now} are left alone. Returns the ids updated.
   */
  public List<String> updateLifetimes(java.util.Map<String, LifetimeRefresh> refreshes, Instant now) {
    return writeLifetimes(UPDATE_LIFETIMES, refreshes, now);
  }

  /**
   * Like {@link #updateLifetimes}, but only extends: a channel is updated only while its lifetime is
   * still the refresh's and its expiry earlier than the refresh's, so a refresh written late never
   * undoes one asked after it.
   */
  public List<String> extendLifetimes(java.util.Map<String, LifetimeRefresh> refreshes, Instant now) {
    return writeLifetimes(EXTEND_LIFETIMES, refreshes, now);
  }

  private List<String> writeLifetimes(String sql, java.util.Map<String, LifetimeRefresh> refreshes, Instant now) {
    int n = refreshes.size();
    String[] ids = new String[n];
    String[] users = new String[n];
    Integer[] lifetimes = new Integer[n];
    Long[] expiries = new Long[n];
    int i = 0;
    for (java.util.Map.Entry<String, LifetimeRefresh> entry : refreshes.entrySet()) {
      ids[i] = entry.getKey();
      users[i] = entry.getValue().userId();
      lifetimes[i] = entry.getValue().lifetimeSeconds();
      expiries[i++] = entry.getValue().expiresAt().toEpochMilli();
    }
    return batches.run(() -> database.dsl().resultQuery(sql, DSL.val(ids), DSL.val(users), DSL.val(lifetimes),
        DSL.val(expiries), DSL.val(now.toEpochMilli())).fetch(0, String.class));
  }

  private static final String SET_LIFETIMES = """
      UPDATE channel c SET lifetime_seconds = u.lifetime, expires_at = to_timestamp(u.expires_ms / 1000.0)
      FROM unnest({0}::varchar[], {1}::varchar[], {2}::int[], {3}::bigint[]) AS u (channel_id, user_id, lifetime, expires_ms)
      WHERE c.channel_id = u.channel_id AND c.user_id = u.user_id AND c.expires_at > to_timestamp({4}::bigint / 1000.0)
      """;
  private static final String UPDATE_LIFETIMES = SET_LIFETIMES + "RETURNING c.channel_id";
  private static final String EXTEND_LIFETIMES = SET_LIFETIMES
      + "AND c.lifetime_seconds = u.lifetime AND c.expires_at < to_timestamp(u.expires_ms / 1000.0) "
      + "RETURNING c.channel_id";

  /** Live channels per type. */
  public java.util.Map<String, Long> countLiveByType(Instant now) {
    return database.dsl().select(CHANNEL.CHANNEL_TYPE, org.jooq.impl.DSL.count())
        .from(CHANNEL).where(CHANNEL.EXPIRES_AT.gt(now)).groupBy(CHANNEL.CHANNEL_TYPE)
        .fetchMap(r -> r.value1(), r -> r.value2().longValue());
  }

  /**
   * Deletes up to {@code limit} expired channels and returns their ids. They are found first, by a
   * scan of the table (expires_at has no index, see migration V7) that locks nothing and takes no
   * turn among the batches of channel rows; only the delete by id, which checks the expiry again in
   * case a lifetime was extended meanwhile, takes one. A sweep that finds none takes no turn at all.
   */
  public List<String> deleteExpired(Instant now, int limit) {
    DSLContext dsl = database.dsl();
    List<String> expired = dsl.select(CHANNEL.CHANNEL_ID).from(CHANNEL).where(CHANNEL.EXPIRES_AT.le(now)).limit(limit)
        .fetch(CHANNEL.CHANNEL_ID);
    if (expired.isEmpty()) {
      return expired;
    }
    return batches.run(() -> dsl.deleteFrom(CHANNEL)
        .where(CHANNEL.CHANNEL_ID.in(expired), CHANNEL.EXPIRES_AT.le(now))
        .returning(CHANNEL.CHANNEL_ID)
        .fetch(CHANNEL.CHANNEL_ID));
  }

  private static Channel toChannel(ChannelRecord row) {
    return new Channel(
        row.getChannelId(),
        row.getUserId(),
        ChannelType.valueOf(row.getChannelType()),
        row.getClientCorrelator(),
        row.getApplicationTag(),
        row.getMaxNotifications(),
        row.getMaxWaitTime(),
        row.getCallbackToken(),
        row.getChannelToken(),
        row.getLifetimeSeconds(),
        row.getExpiresAt(),
        row.getCreatedAt());
  }
}

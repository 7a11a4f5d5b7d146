package io.pushgate.gateway.dispatch;

import io.pushgate.gateway.channel.CapabilityKey;
import io.pushgate.gateway.channel.ChannelEvents;
import io.pushgate.gateway.store.ChannelRepository;
import io.pushgate.gateway.store.ChannelRepository.ChannelWithSeq;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import io.pushgate.gateway.store.NotificationRepository.LogState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The channels in use, by id and by the keys of their two capability tokens ({@link CapabilityKey}:
 * never by the secret itself; a hit is confirmed in constant time). A channel is loaded from the
 * database on first use (an enabler's POST, a WebSocket, a poll) and forgotten when it is deleted or
 * expires. Lookups answer "absent" for a channel whose lifetime has run out even before the expiry
 * sweep removes it.
 */
@Singleton
public final class LiveChannels implements ChannelEvents {
  private final ConcurrentHashMap<String, LiveChannel> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LiveChannel> byCallbackToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LiveChannel> byChannelToken = new ConcurrentHashMap<>();
  private final ChannelRepository channels;
  private final NotificationRepository notifications;
  private final LogTrimmer trimmer;
  private final DbExecutor db;
  private final Clock clock;

  @Inject
  LiveChannels(ChannelRepository channels, NotificationRepository notifications, LogTrimmer trimmer, DbExecutor db,
      Clock clock) {
    this.channels = channels;
    this.trimmer = trimmer;
    this.notifications = notifications;
    this.db = db;
    this.clock = clock;
  }

  /** The channel an enabler reaches through its callbackURL. */
  public CompletableFuture<Optional<LiveChannel>> byCallbackToken(String token) {
    return lookup(byCallbackToken, token, channel -> channel.channel().callbackToken(),
        now -> channels.findLiveByCallbackToken(token, now));
  }

  /** The channel a client reaches through its channelURL. */
  public CompletableFuture<Optional<LiveChannel>> byChannelToken(String token) {
    return lookup(byChannelToken, token, channel -> channel.channel().channelToken(),
        now -> channels.findLiveByChannelToken(token, now));
  }

  /**
   * The channel an enabler reaches through its callbackURL, for a caller already on a database
   * thread (a movie change notifying thousands of channels): one not in memory is read here, not
   * queued behind other work on the database executor, whose queue a change must not overflow.
   */
  public Optional<LiveChannel> byCallbackTokenOnDatabaseThread(String token) {
    LiveChannel known = known(byCallbackToken, token, channel -> channel.channel().callbackToken());
    return known != null ? live(known) : channels.findLiveByCallbackToken(token, clock.instant()).map(this::load);
  }

  private CompletableFuture<Optional<LiveChannel>> lookup(ConcurrentHashMap<String, LiveChannel> index, String token,
      Function<LiveChannel, String> storedToken, Function<Instant, Optional<ChannelWithSeq>> query) {
    LiveChannel known = known(index, token, storedToken);
    if (known != null) {
      return CompletableFuture.completedFuture(live(known));
    }
    return db.supply(() -> query.apply(clock.instant()).map(this::load));
  }

  /** The channel in memory under {@code token}, or null; the token is compared in constant time. */
  private static LiveChannel known(ConcurrentHashMap<String, LiveChannel> index, String token,
      Function<LiveChannel, String> storedToken) {
    LiveChannel known = index.get(CapabilityKey.of(token));
    return known != null && CapabilityKey.matches(storedToken.apply(known), token) ? known : null;
  }

  /** Builds the live state from the database (on a database thread) and registers it once. */
  private LiveChannel load(ChannelWithSeq found) {
    String id = found.channel().channelId();
    LiveChannel existing = byId.get(id);
    if (existing != null) {
      return existing;
    }
    LogState state = notifications.state(id, found.lastSeq());
    LiveChannel fresh = new LiveChannel(found.channel(), state.firstSeq(), state.lastSeq());
    LiveChannel winner = byId.putIfAbsent(id, fresh);
    if (winner != null) {
      return winner;
    }
    byCallbackToken.put(CapabilityKey.of(fresh.channel().callbackToken()), fresh);
    byChannelToken.put(CapabilityKey.of(fresh.channel().channelToken()), fresh);
    // a delete that committed between the query above and the registration found nothing to remove;
    // a delete after this check finds the registration. Either way no deleted channel stays here.
    if (!channels.exists(id)) {
      channelRemoved(id, RemovalReason.DELETED);
    }
    return fresh;
  }

  private Optional<LiveChannel> live(LiveChannel channel) {
    return channel.isExpired(clock.instant()) || channel.isRemoved() ? Optional.empty() : Optional.of(channel);
  }

  @Override
  public void channelRemoved(String channelId, RemovalReason reason) {
    LiveChannel channel = byId.remove(channelId);
    if (channel == null) {
      return;
    }
    byCallbackToken.remove(CapabilityKey.of(channel.channel().callbackToken()));
    byChannelToken.remove(CapabilityKey.of(channel.channel().channelToken()));
    Subscriber subscriber = channel.remove();
    // an append committed after the database deleted the channel (and its rows) would outlive it;
    // the log writer removes those it sees after this point, this removes those it wrote before
    trimmer.trim(channelId, Long.MAX_VALUE);
    if (subscriber != null) {
      subscriber.close(reason == RemovalReason.EXPIRED ? Subscriber.Ending.EXPIRED : Subscriber.Ending.DELETED);
    }
  }

  @Override
  public void lifetimeChanged(String channelId, int lifetimeSeconds, Instant expiresAt) {
    LiveChannel channel = byId.get(channelId);
    if (channel != null) {
      channel.lifetimeChanged(lifetimeSeconds, expiresAt);
    }
  }

  /**
   * Stops every subscriber (gateway shutdown): WebSockets get 1001, parked polls 503. The future
   * completes once every close frame has been written and every poll answered.
   */
  public CompletableFuture<Void> closeAll() {
    List<CompletableFuture<Void>> goodbyes = new ArrayList<>();
    for (LiveChannel channel : byId.values()) {
      Subscriber subscriber = channel.attach(null);
      if (subscriber != null) {
        goodbyes.add(subscriber.close(Subscriber.Ending.SHUTDOWN));
      }
    }
    return CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new));
  }

  /** Whether a WebSocket or a parked poll is attached to the channel now. */
  public boolean isSubscribed(String channelId) {
    LiveChannel channel = byId.get(channelId);
    return channel != null && channel.hasSubscriber();
  }

  /** Notifications stored and not yet confirmed, summed over the channels in memory. */
  public long backlog() {
    long total = 0;
    for (LiveChannel channel : byId.values()) {
      total += Math.max(0, channel.lastSeq() - channel.firstSeq() + 1);
    }
    return total;
  }

  /** How many channels are in memory. */
  public int size() {
    return byId.size();
  }
}

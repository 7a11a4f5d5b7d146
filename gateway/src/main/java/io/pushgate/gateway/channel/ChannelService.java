package io.pushgate.gateway.channel;

import io.pushgate.gateway.store.ChannelRepository;
import io.pushgate.gateway.store.ChannelRepository.CorrelatorTakenException;
import io.pushgate.gateway.store.ChannelRepository.StoredChannel;
import io.pushgate.gateway.store.ChannelRepository.LifetimeRefresh;
import io.pushgate.gateway.store.Coalescer;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.model.ChannelData;
import io.pushgate.model.ChannelType;
import io.pushgate.model.LongPollingData;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.PolicyException;
import io.pushgate.model.RequestError;
import io.pushgate.model.ServiceException;
import io.pushgate.model.WebSocketsData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel lifecycle: create, read, list, delete, lifetime. Plain Java, no Netty: every method returns
 * at once with a future completed on the database executor; callers hop back to their own thread.
 * A refused request fails the future with {@link RequestRejectedException}.
 */
@Singleton
public final class ChannelService {
  private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
  /** Longest clientCorrelator and applicationTag accepted (the columns hold 256). */
  static final int MAX_TAG_LENGTH = 256;
  /** Attempts at a create that races another create with the same clientCorrelator. */
  private static final int CREATE_ATTEMPTS = 3;
  /**
   * A long poll's refresh of a channel with far to go before it expires waits up to this long, with
   * the other polls' refreshes, before it is written (see {@link #touchLifetimeOnPoll}).
   */
  static final Duration POLL_REFRESH_SPACING = Duration.ofSeconds(5);
  /** How far off the written expiry must be for a poll's refresh to wait: well beyond one spacing. */
  static final Duration POLL_REFRESH_MARGIN = POLL_REFRESH_SPACING.multipliedBy(3);

  private final ChannelRepository repository;
  private final DbExecutor db;
  private final ChannelPolicy policy;
  private final ChannelTokens tokens;
  private final ChannelEvents events;
  private final ChannelCounts counts;
  private final int maxChannelsPerUser;
  private final Clock clock;
  private final Coalescer<String, LifetimeRefresh> lifetimeRefreshes;
  private final Coalescer<String, LifetimeRefresh> pollRefreshes;

  @Inject
  ChannelService(ChannelRepository repository, DbExecutor db, ChannelPolicy policy, ChannelTokens tokens,
      ChannelEvents events, ChannelCounts counts, io.pushgate.gateway.GatewayConfig config, Clock clock,
      io.pushgate.gateway.EventLoops loops) {
    this.counts = counts;
    this.maxChannelsPerUser = config.security().maxChannelsPerUser();
    this.repository = repository;
    this.db = db;
    this.policy = policy;
    this.tokens = tokens;
    this.events = events;
    this.clock = clock;
    // The refresh asked last wins, whatever its expiry: a shorter lifetime is as much a request as a
    // longer one. Asked means added here; a PUT is ordered with the batches by supersede (refreshLifetime).
    // The order is kept in memory and the UPDATEs do not check a stored request sequence: one gateway
    // process owns its channels' rows (their notification sequence numbers live in its memory too)
    // and writes every lifetime through this coalescer, one batch at a time, and delivery is told
    // inside the same order, so it holds the lifetime written last.
    this.lifetimeRefreshes = new Coalescer<>(db, (pending, later) -> later, this::writeLifetimes,
        "lifetime refreshes");
    // A poll's refresh only ever extends the lifetime in force (the UPDATE checks both), so it needs no
    // place in that order: whatever was asked or written since it wins over it.
    this.pollRefreshes = new Coalescer<>(db, loops.group().next(), POLL_REFRESH_SPACING, (pending, later) -> later,
        this::writePollRefreshes, "long polls' lifetime refreshes");
  }

  /**
   * Resets a live channel's lifetime, like {@link #refreshLifetime}, for callers that need no answer
   * (a WebSocket opening or answering our connCheck, a long poll; null asks for the policy's default,
   * as a new connection does): the expiry is computed now and
   * written with other channels' refreshes in one statement. Unknown or expired channels are left alone.
   * {@code userId} must be the channel's own (refreshes are merged per channel: the one asked last
   * wins, whatever its expiry; a later {@link #refreshLifetime} replaces one not yet written).
   */
  public void touchLifetime(String userId, String channelId, Integer requestedSeconds) {
    int granted = policy.grantLifetime(requestedSeconds);
    lifetimeRefreshes.add(channelId, new LifetimeRefresh(userId, granted, clock.instant().plusSeconds(granted)));
  }

  /**
   * A long poll resets its channel's lifetime to the one in force (spec §5.3). Written at once, one UPDATE of the
   * channel's row per poll (then into eight indexes each, see migration V7) was what long polling cost PostgreSQL
   * most: at 8,000 polls a second over 10,000 channels it took 0.72–0.83 cores, the box ran out and p99 reached
   * 1.2–2.5 s; waiting as below, 0.46–0.49 cores and p99 169–199 ms (README, Performance). So when the written expiry
   * is more than {@link #POLL_REFRESH_MARGIN} away, the refresh waits, merged with the channel's later polls, for a
   * statement written at most every {@link #POLL_REFRESH_SPACING}: a channel polled ten times in that spell is
   * written once, and long before its written expiry comes.
   * Nearer its end, or with another lifetime granted, it goes as {@link #touchLifetime} does.
   *
   * <p>The database, and the GET of the remaining lifetime, may then lag a poll by up to the spacing;
   * only a gateway that stops hard loses such a refresh (the channel then expires up to that much
   * early). A graceful stop writes it.
   *
   * @param lifetimeSeconds the lifetime in force
   * @param writtenExpiry the expiry the database holds for the channel
   */
  public void touchLifetimeOnPoll(String userId, String channelId, int lifetimeSeconds, Instant writtenExpiry) {
    Instant now = clock.instant();
    int granted = policy.grantLifetime(lifetimeSeconds);
    if (granted != lifetimeSeconds || !writtenExpiry.isAfter(now.plus(POLL_REFRESH_MARGIN))) {
      touchLifetime(userId, channelId, lifetimeSeconds);
      return;
    }
    pollRefreshes.add(channelId, new LifetimeRefresh(userId, granted, now.plusSeconds(granted)));
  }

  /** Lifetime refreshes waiting to be written, one per channel (and per path). */
  int pendingLifetimes() {
    return lifetimeRefreshes.pending() + pollRefreshes.pending();
  }

  /** Writes lifetime refreshes still pending (at shutdown). */
  public void flushLifetimes() {
    pollRefreshes.flush();
    lifetimeRefreshes.flush();
  }

  private int writeLifetimes(Map<String, LifetimeRefresh> batch) {
    return written(batch, repository.updateLifetimes(batch, clock.instant()));
  }

  private int writePollRefreshes(Map<String, LifetimeRefresh> batch) {
    return written(batch, repository.extendLifetimes(batch, clock.instant()));
  }

  /** Tells the live channels what was written. */
  private int written(Map<String, LifetimeRefresh> batch, List<String> updated) {
    for (String channelId : updated) {
      LifetimeRefresh refresh = batch.get(channelId);
      events.lifetimeChanged(channelId, refresh.lifetimeSeconds(), refresh.expiresAt());
    }
    return updated.size();
  }

  /** The result of a create: the channel, and whether it is new or an earlier one with the same correlator. */
  public record CreateResult(Channel channel, boolean created) {}

  /**
   * Creates a channel for {@code userId}. A repeat of an earlier request with the same clientCorrelator
   * returns the earlier channel ({@code created == false}); the same correlator with a different
   * request is refused with SVC0005.
   */
  public CompletableFuture<CreateResult> create(String userId, NotificationChannel request) {
    ValidRequest valid;
    try {
      valid = validate(request);
    } catch (RequestRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return db.supply(() -> createOnDb(userId, valid));
  }

  public CompletableFuture<Optional<Channel>> find(String userId, String channelId) {
    return db.supply(() -> repository.findLive(userId, channelId, clock.instant()));
  }

  public CompletableFuture<List<Channel>> list(String userId) {
    return db.supply(() -> repository.listLive(userId, clock.instant()));
  }

  /** Deletes a live channel; completes with false when there was none. */
  public CompletableFuture<Boolean> delete(String userId, String channelId) {
    return db.supply(() -> {
      boolean deleted = repository.deleteLive(userId, channelId, clock.instant());
      if (deleted) {
        log.info("channel deleted: {}", channelId);
        events.channelRemoved(channelId, ChannelEvents.RemovalReason.DELETED);
      }
      return deleted;
    });
  }

  /** Seconds left of a live channel's lifetime; empty when there is no such channel. */
  public CompletableFuture<Optional<Integer>> remainingLifetime(String userId, String channelId) {
    return db.supply(() -> {
      Instant now = clock.instant();
      return repository.findLive(userId, channelId, now).map(channel -> channel.remainingSeconds(now));
    });
  }

  /**
   * Grants a live channel a new lifetime from now: the requested seconds capped by policy, or the
   * default when none is requested. Completes with the granted seconds; empty when there is no such channel.
   * It takes its place among the refreshes when it runs, between the call and the answer: a
   * {@link #touchLifetime} of the same user asked before then and not yet written is dropped (never
   * written after it), one asked later is written after it.
   */
  public CompletableFuture<Optional<Integer>> refreshLifetime(String userId, String channelId, Integer requestedSeconds) {
    if (requestedSeconds != null && requestedSeconds < 1) {
      return CompletableFuture.failedFuture(new RequestRejectedException(ServiceException.invalidInput("channelLifetime")));
    }
    int granted = policy.grantLifetime(requestedSeconds);
    // a pending touch of another user (who has the channelId but not the channel) would change
    // nothing, and neither does this PUT then: it must not cost the owner's touch
    return db.supply(() -> lifetimeRefreshes.supersede(channelId, pending -> pending.userId().equals(userId), () -> {
      Instant now = clock.instant();
      Instant expiresAt = now.plusSeconds(granted);
      boolean updated = repository.updateLifetime(userId, channelId, granted, expiresAt, now);
      if (!updated) {
        return Optional.<Integer>empty();
      }
      events.lifetimeChanged(channelId, granted, expiresAt);
      return Optional.of(granted);
    }));
  }

  /** Deletes up to {@code limit} expired channels; completes with their ids. */
  public CompletableFuture<List<String>> deleteExpired(int limit) {
    return db.supply(() -> {
      List<String> expired = repository.deleteExpired(clock.instant(), limit);
      for (String channelId : expired) {
        log.info("channel expired: {}", channelId);
        events.channelRemoved(channelId, ChannelEvents.RemovalReason.EXPIRED);
      }
      counts.update(repository.countLiveByType(clock.instant()));
      return expired;
    });
  }

  private CreateResult createOnDb(String userId, ValidRequest request) {
    for (int attempt = 1; ; attempt++) {
      Instant now = clock.instant();
      if (request.clientCorrelator() != null) {
        Optional<StoredChannel> earlier = repository.findByCorrelator(userId, request.clientCorrelator());
        if (earlier.isPresent()) {
          StoredChannel stored = earlier.get();
          if (stored.channel().isExpired(now)) {
            if (repository.delete(stored.channel().channelId())) {
              events.channelRemoved(stored.channel().channelId(), ChannelEvents.RemovalReason.EXPIRED);
            }
          } else if (stored.requestFingerprint().equals(request.fingerprint())) {
            return new CreateResult(stored.channel(), false);
          } else {
            throw new RequestRejectedException(
                ServiceException.duplicateCorrelator(request.clientCorrelator(), "clientCorrelator"));
          }
        }
      }
      // checked before the insert: concurrent creates may pass it together, by at most their number
      if (repository.countLive(userId, now) >= maxChannelsPerUser) {
        throw new RequestRejectedException(
            PolicyException.policyError("at most " + maxChannelsPerUser + " live channels per user"));
      }
      Channel channel = newChannel(userId, request, now);
      try {
        repository.insert(channel, request.fingerprint());
        log.info("channel created: {} type {} lifetime {}s", channel.channelId(), channel.channelType(),
            channel.lifetimeSeconds());
        return new CreateResult(channel, true);
      } catch (CorrelatorTakenException e) {
        if (attempt == CREATE_ATTEMPTS) {
          throw new RequestRejectedException(
              ServiceException.duplicateCorrelator(request.clientCorrelator(), "clientCorrelator"));
        }
        // another create with the same correlator won the race: look again
      }
    }
  }

  private Channel newChannel(String userId, ValidRequest request, Instant now) {
    int lifetime = policy.grantLifetime(request.channelLifetime());
    return new Channel(tokens.next(), userId, request.channelType(), request.clientCorrelator(),
        request.applicationTag(), policy.grantMaxNotifications(request.maxNotifications()), request.maxWaitTime(),
        tokens.next(), tokens.next(), lifetime, now.plusSeconds(lifetime), now);
  }

  /** A create request that passed validation, with the client's own values (before policy). */
  private record ValidRequest(ChannelType channelType, String clientCorrelator, String applicationTag,
      Integer maxNotifications, Integer maxWaitTime, Integer channelLifetime) {

    /** Identifies what was asked, so a retry with the same correlator can be told from a conflict. */
    String fingerprint() {
      return String.join("|", channelType.name(), Objects.toString(applicationTag, ""),
          Objects.toString(maxNotifications, ""), Objects.toString(maxWaitTime, ""),
          Objects.toString(channelLifetime, ""));
    }
  }

  private ValidRequest validate(NotificationChannel request) {
    ChannelType type = request.channelType();
    if (type == null) {
      throw reject(ServiceException.invalidInput("channelType"));
    }
    if (!policy.supports(type)) {
      throw reject(PolicyException.channelTypeNotSupported(type.name(), ChannelPolicy.supportedTypesText()));
    }
    // callbackURL, resourceURL and channelURL are the server's to mint (spec §5.2.2.2 "SHALL NOT")
    if (request.callbackURL() != null) {
      throw reject(ServiceException.invalidInput("callbackURL"));
    }
    if (request.resourceURL() != null) {
      throw reject(ServiceException.invalidInput("resourceURL"));
    }
    checkLength(request.clientCorrelator(), "clientCorrelator");
    checkLength(request.applicationTag(), "applicationTag");
    if (request.channelLifetime() != null && request.channelLifetime() < 1) {
      throw reject(ServiceException.invalidInput("channelLifetime"));
    }
    ChannelData data = request.channelData();
    Integer maxNotifications = data == null ? null : data.maxNotifications();
    Integer maxWaitTime = null;
    if (data instanceof LongPollingData longPolling) {
      if (longPolling.channelURL() != null) {
        throw reject(ServiceException.invalidInput("channelData.channelURL"));
      }
      maxWaitTime = longPolling.maxWaitTime();
    } else if (data instanceof WebSocketsData webSockets && webSockets.channelURL() != null) {
      throw reject(ServiceException.invalidInput("channelData.channelURL"));
    }
    if (maxNotifications != null && maxNotifications < 1) {
      throw reject(ServiceException.invalidInput("channelData.maxNotifications"));
    }
    return new ValidRequest(type, request.clientCorrelator(), request.applicationTag(), maxNotifications,
        maxWaitTime, request.channelLifetime());
  }

  private static void checkLength(String value, String part) {
    if (value != null && value.length() > MAX_TAG_LENGTH) {
      throw reject(ServiceException.invalidInput(part));
    }
  }

  private static RequestRejectedException reject(RequestError error) {
    return new RequestRejectedException(error);
  }
}

package io.pushgate.gateway.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.HeldLock;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.store.ChannelRepository;
import io.pushgate.model.ChannelType;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.WebSocketsData;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lifetime refreshes of a channel take effect in the order they were asked, whatever their expiry:
 * touches merged in one batch, and a PUT against touches still waiting to be written; a long poll's
 * refresh, which may wait longer, only ever extends the lifetime in force, and near the channel's end
 * it does not wait. The batch writer is held on another channel's row so that the touches under test
 * wait together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class LifetimeOrderTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass();
  /** The test policy's default lifetime, granted when none is asked (a WebSocket opening). */
  private static final int DEFAULT_LIFETIME = 3600;

  private final AtomicInteger users = new AtomicInteger();
  private ChannelService channels;
  private ChannelRepository repository;

  @BeforeAll
  void start() {
    channels = gateway.component().channelService();
    repository = gateway.component().channelRepository();
  }

  @Test
  void testSuccess_laterShorterTouchInTheSameBatchWins() throws Exception {
    Live channel = create();
    whileABatchIsHeld(() -> {
      channels.touchLifetime(channel.userId(), channel.id(), null); // the WebSocket opens: the default
      channels.touchLifetime(channel.userId(), channel.id(), 60); // then a connAck: the 60 s granted
      return null;
    });
    assertLifetime(channel, 60);
  }

  @Test
  void testSuccess_putIsNotOverwrittenByATouchAskedBeforeIt() throws Exception {
    Live channel = create();
    CompletableFuture<Optional<Integer>> put = whileABatchIsHeld(() -> {
      channels.touchLifetime(channel.userId(), channel.id(), null); // the WebSocket opens: the default
      return channels.refreshLifetime(channel.userId(), channel.id(), 60);
    });
    assertEquals(Optional.of(60), put.get(10, TimeUnit.SECONDS));
    assertLifetime(channel, 60);

    // a touch asked after the PUT is written after it
    channels.touchLifetime(channel.userId(), channel.id(), 90);
    awaitWritten();
    assertLifetime(channel, 90);
  }

  @Test
  void testSuccess_latestRequestWinsInABatch() throws Exception {
    Map<Live, List<Integer>> asked = new LinkedHashMap<>();
    asked.put(create(), List.of(600, 60));
    asked.put(create(), List.of(60, 600));
    asked.put(create(), List.of(900, 30, 45));
    asked.put(create(), List.of(45, DEFAULT_LIFETIME, 120));
    whileABatchIsHeld(() -> {
      // interleaved: one request per channel a round
      for (int round = 0; round < 3; round++) {
        for (Map.Entry<Live, List<Integer>> entry : asked.entrySet()) {
          if (round < entry.getValue().size()) {
            channels.touchLifetime(entry.getKey().userId(), entry.getKey().id(), entry.getValue().get(round));
          }
        }
      }
      return null;
    });
    for (Map.Entry<Live, List<Integer>> entry : asked.entrySet()) {
      List<Integer> requests = entry.getValue();
      assertLifetime(entry.getKey(), requests.get(requests.size() - 1));
    }
  }

  @Test
  void testSuccess_putByAnotherUserLeavesThePendingTouch() throws Exception {
    Live channel = create();
    CompletableFuture<Optional<Integer>> put = whileABatchIsHeld(() -> {
      channels.touchLifetime(channel.userId(), channel.id(), 600);
      return channels.refreshLifetime("not-" + channel.userId(), channel.id(), 60);
    });
    assertEquals(Optional.empty(), put.get(10, TimeUnit.SECONDS));
    assertLifetime(channel, 600);
  }

  @Test
  void testSuccess_aPollsRefreshWrittenLateNeverUndoesAPut() throws Exception {
    Live channel = create(); // 120 s to go: far from its end, so a poll's refresh waits for its batch
    CompletableFuture<Optional<Integer>> put = whilePollRefreshesAreHeld(() -> {
      channels.touchLifetimeOnPoll(channel.userId(), channel.id(), 120, channel.live().expiresAt());
      return channels.refreshLifetime(channel.userId(), channel.id(), 60);
    });
    assertEquals(Optional.of(60), put.get(10, TimeUnit.SECONDS));
    assertLifetime(channel, 60);
  }

  @Test
  void testSuccess_aPollNearTheChannelsEndIsWrittenAtOnce() throws Exception {
    // a far channel's poll starts a batch of polls' refreshes now: the next such batch is 5 s away
    Live far = create();
    Instant farWritten = far.live().expiresAt();
    channels.touchLifetimeOnPoll(far.userId(), far.id(), 120, farWritten);
    Await.until(Duration.ofSeconds(10), "the far channel's refresh written", () -> written(far).isAfter(farWritten));

    Live near = create(14); // within POLL_REFRESH_MARGIN (15 s) of its end: waiting could outlast it
    Instant nearWritten = near.live().expiresAt();
    channels.touchLifetimeOnPoll(near.userId(), near.id(), 14, nearWritten);
    Await.until(ChannelService.POLL_REFRESH_SPACING.dividedBy(2), "written at once, not with the next batch",
        () -> written(near).isAfter(nearWritten));
    assertLifetime(near, 14);
  }

  /** The expiry the database holds for {@code channel} (the epoch when it is gone). */
  private Instant written(Live channel) {
    return repository.findLive(channel.userId(), channel.id(), Instant.now()).map(Channel::expiresAt)
        .orElse(Instant.EPOCH);
  }


  /**
   * A batch of confirmations (it advances the channels' last_seq) waits while a batch of lifetime
   * refreshes writes channel rows: two such statements running together could each hold a row the
   * other needs, a deadlock PostgreSQL breaks only after a second (ChannelRowBatches).
   */
  @Test
  void testSuccess_batchesOfChannelRowsTakeTurns() throws Exception {
    Live first = create();
    Live last = create();
    io.pushgate.gateway.store.ChannelRowBatches batches = gateway.component().channelRowBatches();
    java.util.concurrent.FutureTask<Integer> trim = new java.util.concurrent.FutureTask<>(() -> gateway.component()
        .notificationRepository().removeUpTo(Map.of(first.id(), 0L, last.id(), 0L)));
    Thread confirmations = new Thread(trim, "confirmations");
    whileABatchIsHeld(() -> {
      confirmations.start();
      Await.until(Duration.ofSeconds(10), "the confirmations wait for their turn", () -> batches.waits(confirmations));
      assertFalse(trim.isDone(), "not written while the lifetimes' batch holds its turn");
      return null;
    });
    assertEquals(0, trim.get(10, TimeUnit.SECONDS), "written once its turn came (nothing to remove)");
  }

  /** A channel of a user of its own, known to delivery (so that it hears of new lifetimes). */
  private record Live(String userId, String id, LiveChannel live) {}

  private Live create() throws Exception {
    return create(120);
  }

  private Live create(int lifetimeSeconds) throws Exception {
    String userId = "lifetime-" + users.incrementAndGet();
    Channel channel = channels.create(userId, new NotificationChannel(null, null, ChannelType.WebSockets,
        new WebSocketsData(null, 3), lifetimeSeconds, null, null)).get(10, TimeUnit.SECONDS).channel();
    LiveChannel live = gateway.component().liveChannels().byChannelToken(channel.channelToken())
        .get(10, TimeUnit.SECONDS).orElseThrow();
    return new Live(userId, channel.channelId(), live);
  }

  /**
   * Runs {@code asking} while the lifetime writer is inside a batch that cannot finish (it refreshes
   * a channel whose row the test locked), so what {@code asking} queues is written together by the
   * next batch; then lets go and waits until every refresh is written.
   */
  private <T> T whileABatchIsHeld(Callable<T> asking) throws Exception {
    return whileHeld(blocker -> channels.touchLifetime(blocker.userId(), blocker.id(), 600), asking);
  }

  /** The same with the batch of long polls' refreshes held (the blocker's own poll's refresh). */
  private <T> T whilePollRefreshesAreHeld(Callable<T> asking) throws Exception {
    return whileHeld(blocker -> channels.touchLifetimeOnPoll(blocker.userId(), blocker.id(), 120,
        blocker.live().expiresAt()), asking);
  }

  private <T> T whileHeld(java.util.function.Consumer<Live> touchBlocker, Callable<T> asking) throws Exception {
    Live blocker = create();
    T result;
    try (HeldLock row = HeldLock.take(gateway,
        "SELECT 1 FROM channel WHERE channel_id = '" + blocker.id() + "' FOR UPDATE")) {
      touchBlocker.accept(blocker);
      HeldLock.awaitWaiter(gateway, "transactionid", "the lifetime writer waits for the blocker's row");
      result = asking.call();
    }
    awaitWritten();
    return result;
  }

  private void awaitWritten() {
    Await.until(Duration.ofSeconds(10), "every lifetime refresh written", () -> channels.pendingLifetimes() == 0);
  }

  /** The database and delivery both hold {@code seconds}, with an expiry that many seconds ahead. */
  private void assertLifetime(Live channel, int seconds) {
    Instant now = Instant.now();
    Channel stored = repository.findLive(channel.userId(), channel.id(), now).orElseThrow();
    assertEquals(seconds, stored.lifetimeSeconds(), "lifetime written");
    long remaining = Duration.between(now, stored.expiresAt()).toSeconds();
    assertTrue(remaining <= seconds && remaining > seconds - 20, "expiry " + remaining + " s ahead, for " + seconds);
    assertEquals(seconds, channel.live().lifetimeSeconds(), "lifetime delivery was told");
  }
}

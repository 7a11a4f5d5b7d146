package io.pushgate.gateway.store;

import static io.pushgate.gateway.store.jooq.Tables.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.channel.ChannelService.CreateResult;
import io.pushgate.model.ChannelType;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.WebSocketsData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistence layer against the embedded PostgreSQL, through the production wiring. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class StoreTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--expiry-sweep-interval", "100");
  private ChannelService channels;
  private ChannelRepository repository;

  @BeforeAll
  void start() {
    channels = gateway.component().channelService();
    repository = gateway.component().channelRepository();
  }


  private static NotificationChannel webSockets(String correlator, Integer lifetime) {
    return new NotificationChannel(correlator, null, ChannelType.WebSockets, new WebSocketsData(null, 3), lifetime, null, null);
  }

  @Test
  void testFailure_jdbcOnAnEventLoopIsCaught() throws Exception {
    assertTrue(StoreTest.class.desiredAssertionStatus(), "tests must run with -ea");
    EventLoop loop = gateway.component().eventLoops().group().next();
    Throwable thrown = loop.submit(() -> repository.listLive("u", Instant.now())).await().cause();
    assertTrue(thrown instanceof AssertionError, "expected the guard to fire, got " + thrown);
    assertTrue(thrown.getMessage().contains("JDBC on event loop"), thrown.getMessage());
    // the same call on the database executor is fine
    assertEquals(List.of(), channels.list("nobody").get(10, TimeUnit.SECONDS));
  }

  @Test
  void testSuccess_sweepDeletesExpiredRows() throws Exception {
    CreateResult created = channels.create("sweep-user", webSockets("sweep-me", 1)).get(10, TimeUnit.SECONDS);
    String id = created.channel().channelId();
    assertTrue(repository.findByCorrelator("sweep-user", "sweep-me").isPresent());
    // the row itself goes, not just its visibility
    Await.until(Duration.ofSeconds(10), "expired row swept",
        () -> repository.findByCorrelator("sweep-user", "sweep-me").isEmpty());
    assertTrue(channels.find("sweep-user", id).get(10, TimeUnit.SECONDS).isEmpty());
  }

  /**
   * A sweep finds expired channels before it takes its turn among the batches of channel rows, so a
   * lifetime extended in between must keep its channel: the delete checks the expiry again.
   */
  @Test
  void testSuccess_aChannelExtendedAfterTheSweepFoundItStays() throws Exception {
    String id = channels.create("sweep-race", webSockets("extended", 60)).get(10, TimeUnit.SECONDS).channel().channelId();
    Instant sweptAt = Instant.now().plusSeconds(120); // a sweep "at" this instant finds the channel expired
    ChannelRowBatches batches = gateway.component().channelRowBatches();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> batches.run(() -> {
      held.countDown();
      try {
        return release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }));
    holder.start();
    assertTrue(held.await(10, TimeUnit.SECONDS));
    FutureTask<List<String>> sweep = new FutureTask<>(() -> repository.deleteExpired(sweptAt, 10));
    Thread sweeper = new Thread(sweep);
    sweeper.start();
    try {
      Await.until(Duration.ofSeconds(10), "the sweep found the channel and waits for its turn",
          () -> batches.waits(sweeper));
      gateway.component().database().dsl().update(CHANNEL).set(CHANNEL.EXPIRES_AT, sweptAt.plusSeconds(600))
          .where(CHANNEL.CHANNEL_ID.eq(id)).execute();
    } finally {
      release.countDown();
    }
    // other tests' channels may be expired at that instant too, and go
    assertFalse(sweep.get(10, TimeUnit.SECONDS).contains(id));
    assertTrue(repository.findByCorrelator("sweep-race", "extended").isPresent());
    holder.join(10_000);
  }

  @Test
  void testSuccess_expiredCorrelatorCanBeReused() throws Exception {
    String first = channels.create("reuse-user", webSockets("again", 1)).get(10, TimeUnit.SECONDS).channel().channelId();
    Await.until(Duration.ofSeconds(10), "channel expired",
        () -> channels.find("reuse-user", first).join().isEmpty());
    CreateResult second = channels.create("reuse-user", webSockets("again", 1)).get(10, TimeUnit.SECONDS);
    assertTrue(second.created());
    assertTrue(!second.channel().channelId().equals(first));
  }

  @Test
  void testSuccess_concurrentCreatesWithOneCorrelatorMakeOneChannel() throws Exception {
    List<CompletableFuture<CreateResult>> creates = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      creates.add(channels.create("race-user", webSockets("race", 600)));
    }
    long created = 0;
    String id = null;
    for (CompletableFuture<CreateResult> create : creates) {
      CreateResult result = create.get(10, TimeUnit.SECONDS);
      created += result.created() ? 1 : 0;
      id = id == null ? result.channel().channelId() : id;
      assertEquals(id, result.channel().channelId());
    }
    assertEquals(1, created);
    assertEquals(1, channels.list("race-user").get(10, TimeUnit.SECONDS).size());
  }

  @Test
  void testFailure_refreshOfUnknownChannel() throws Exception {
    assertTrue(channels.refreshLifetime("u", "nope", 60).get(10, TimeUnit.SECONDS).isEmpty());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> channels.refreshLifetime("u", "nope", 0).get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof io.pushgate.gateway.channel.RequestRejectedException);
  }

  @Test
  void testSuccess_lifetimeTouchesAreWrittenTogether() throws Exception {
    String a = channels.create("touch-a", webSockets(null, 60)).get(10, TimeUnit.SECONDS).channel().channelId();
    String b = channels.create("touch-b", webSockets(null, 60)).get(10, TimeUnit.SECONDS).channel().channelId();
    for (int i = 0; i < 50; i++) {
      channels.touchLifetime("touch-a", a, 600);
      channels.touchLifetime("touch-b", b, 900);
    }
    channels.touchLifetime("touch-a", "no-such-channel", 600);
    Await.until(Duration.ofSeconds(10), "both lifetimes written",
        () -> channels.remainingLifetime("touch-b", b).join().orElse(0) > 800
            && channels.remainingLifetime("touch-a", a).join().orElse(0) > 500);
    assertEquals(600, repository.findLive("touch-a", a, Instant.now()).orElseThrow().lifetimeSeconds());
    // a channel of another user is left alone
    String id = repository.updateLifetimes(java.util.Map.of(b,
        new ChannelRepository.LifetimeRefresh("touch-a", 30, Instant.now().plusSeconds(30))), Instant.now())
        .stream().findFirst().orElse("none");
    assertEquals("none", id);
    assertEquals(900, repository.findLive("touch-b", b, Instant.now()).orElseThrow().lifetimeSeconds());
  }
}

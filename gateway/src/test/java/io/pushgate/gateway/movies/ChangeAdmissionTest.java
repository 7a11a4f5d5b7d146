package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.ServerBusyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Movie changes take turns: two at a time, the rest wait briefly, in order, or are refused. */
@Timeout(30)
class ChangeAdmissionTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration AN_HOUR = Duration.ofHours(1);

  @Test
  void testSuccess_aWaitingChangeStartsWhenOneInProgressEnds() throws Exception {
    ChangeAdmission admission = new ChangeAdmission(2, AN_HOUR);
    List<CompletableFuture<String>> changes = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    for (int n = 0; n < 4; n++) {
      CompletableFuture<String> change = new CompletableFuture<>();
      changes.add(change);
      admission.admit(() -> {
        started.incrementAndGet();
        return change;
      });
    }
    assertEquals(2, started.get(), "two in progress");
    assertEquals(2, admission.waiting());

    changes.get(0).complete("done");
    assertEquals(3, started.get(), "the first waiting one got the turn");
    assertEquals(2, admission.running());
    changes.get(1).complete("done");
    changes.get(2).complete("done");
    changes.get(3).complete("done");
    assertEquals(4, started.get());
    assertEquals(0, admission.running(), "every turn handed back");
    assertEquals(0, admission.waiting());
  }

  @Test
  void testFailure_aChangeThatWaitsTooLongIsRefusedAndNeverStarts() throws Exception {
    ChangeAdmission admission = new ChangeAdmission(1, Duration.ofMillis(50));
    CompletableFuture<String> first = new CompletableFuture<>();
    admission.admit(() -> first);
    AtomicInteger secondStarted = new AtomicInteger();
    CompletableFuture<String> second = admission.admit(() -> {
      secondStarted.incrementAndGet();
      return CompletableFuture.completedFuture("made");
    });

    ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
    assertInstanceOf(ServerBusyException.class, refused.getCause());
    Await.until(WAIT, "the refused change gone from the queue", () -> admission.waiting() == 0);

    first.complete("done"); // its turn is not handed to the refused change
    assertEquals(0, secondStarted.get());
    assertEquals(0, admission.running());
  }

  @Test
  void testFailure_withNoWaitAChangeBeyondThoseInProgressIsRefusedAtOnce() {
    ChangeAdmission admission = new ChangeAdmission(1, Duration.ZERO);
    CompletableFuture<String> first = new CompletableFuture<>();
    admission.admit(() -> first);
    CompletableFuture<String> second = admission.admit(() -> CompletableFuture.completedFuture("made"));
    assertTrue(second.isCompletedExceptionally(), "refused at once, not after a timer");
    assertEquals(0, admission.waiting());
    first.complete("done");
    assertEquals(0, admission.running());
  }

  @Test
  void testFailure_beyondTheWaitingLimitAChangeIsRefusedAtOnce() {
    ChangeAdmission admission = new ChangeAdmission(1, AN_HOUR);
    admission.admit(CompletableFuture::new); // never ends
    for (int n = 0; n < ChangeAdmission.MAX_WAITING; n++) {
      assertFalse(admission.admit(CompletableFuture::new).isDone(), "waiting");
    }
    CompletableFuture<Object> oneTooMany = admission.admit(CompletableFuture::new);
    assertTrue(oneTooMany.isCompletedExceptionally(), "refused at once");
    ExecutionException refused = assertThrows(ExecutionException.class, oneTooMany::get);
    assertInstanceOf(ServerBusyException.class, refused.getCause());
  }

  @Test
  void testSuccess_aChangeThatFailsToStartHandsItsTurnOn() {
    ChangeAdmission admission = new ChangeAdmission(1, AN_HOUR);
    CompletableFuture<Object> broken = admission.admit(() -> {
      throw new IllegalStateException("database executor refused it");
    });
    assertTrue(broken.isCompletedExceptionally());
    assertEquals(0, admission.running(), "the turn went back");
    assertTrue(admission.admit(() -> CompletableFuture.completedFuture("made")).isDone());
  }
}

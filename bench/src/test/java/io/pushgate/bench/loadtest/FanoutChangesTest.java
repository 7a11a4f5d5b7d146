package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FanoutChangesTest {

  @Test
  void aChangeIsNamedByItsPremiereDate() {
    FanoutChanges changes = new FanoutChanges(2, 10);
    assertEquals(-1, changes.indexOf(FanoutChanges.dateOf(0)), "not begun yet");
    changes.begin(100);
    changes.begin(200);
    assertEquals("2100-01-01", FanoutChanges.dateOf(0));
    assertEquals(0, changes.indexOf("2100-01-01"));
    assertEquals(1, changes.indexOf(FanoutChanges.dateOf(1)));
    assertEquals(1, changes.indexOf("2100-01-02T00:00:00Z"), "a timestamp's date counts");
    assertEquals(-1, changes.indexOf(FanoutChanges.dateOf(2)), "not begun");
    assertEquals(-1, changes.indexOf("2026-12-25"), "a date of someone else's change");
    assertEquals(-1, changes.indexOf("soon"));
    assertEquals(-1, changes.indexOf(null));
  }

  @Test
  void aChangeIsCompleteWhenEveryChannelGotIt_andItsTimeRunsToTheLast() {
    FanoutChanges changes = new FanoutChanges(3, 10);
    int k = changes.begin(TimeUnit.MILLISECONDS.toNanos(1000));
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1030));
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1010));
    assertFalse(changes.complete(k));
    assertEquals(0, changes.completionMicros().getTotalCount());
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1020));
    assertTrue(changes.complete(k));
    assertEquals(1, changes.completed());
    assertEquals(30_000, changes.completionMicros().getMaxValue(), 30);
  }
}

package io.pushgate.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgate.bench.metrics.DeliveryLedger.Outcome;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  @Test
  void numbersEachChannelFromZero() {
    DeliveryLedger ledger = new DeliveryLedger(2);
    assertEquals(0, ledger.issue(0));
    assertEquals(1, ledger.issue(0));
    assertEquals(0, ledger.issue(1));
    assertEquals(3, ledger.totals().issued());
  }

  @Test
  void everyIssuedNotificationReceivedOnce_nothingLost() {
    DeliveryLedger ledger = new DeliveryLedger(3);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 5; i++) {
        ledger.issue(c);
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int s = 4; s >= 0; s--) { // order does not matter
        assertEquals(Outcome.FIRST, ledger.received(c, s));
      }
    }
    assertEquals(new DeliveryLedger.Totals(15, 15, 0, 0, 0, 0), ledger.totals());
    assertEquals(0, ledger.outstanding());
  }

  @Test
  void missingNotificationsAreLost() {
    DeliveryLedger ledger = new DeliveryLedger(1);
    for (int i = 0; i < 4; i++) {
      ledger.issue(0);
    }
    ledger.received(0, 0);
    ledger.received(0, 3);
    assertEquals(2, ledger.outstanding());
    assertEquals(2, ledger.totals().lost());
    assertEquals(2, ledger.totals().delivered());
  }

  @Test
  void aSecondCopyIsADuplicate_andIsNotDeliveredTwice() {
    DeliveryLedger ledger = new DeliveryLedger(1);
    ledger.issue(0);
    assertEquals(Outcome.FIRST, ledger.received(0, 0));
    assertEquals(Outcome.DUPLICATE, ledger.received(0, 0));
    assertEquals(Outcome.DUPLICATE, ledger.received(0, 0));
    DeliveryLedger.Totals t = ledger.totals();
    assertEquals(1, t.delivered());
    assertEquals(2, t.duplicates());
    assertEquals(0, t.lost());
  }

  @Test
  void neverIssuedOrUnknownChannelIsUnexpected() {
    DeliveryLedger ledger = new DeliveryLedger(2);
    ledger.issue(0);
    assertEquals(Outcome.UNEXPECTED, ledger.received(0, 1)); // not issued yet
    assertEquals(Outcome.UNEXPECTED, ledger.received(1, 0)); // nothing issued to channel 1
    assertEquals(Outcome.UNEXPECTED, ledger.received(2, 0)); // no such channel
    assertEquals(Outcome.UNEXPECTED, ledger.received(-1, 0));
    assertEquals(4, ledger.totals().unexpected());
    assertEquals(1, ledger.totals().lost());
  }

  @Test
  void failedNotificationsAreNotExpected_butCountWhenTheyArriveAnyway() {
    DeliveryLedger ledger = new DeliveryLedger(1);
    for (int i = 0; i < 3; i++) {
      ledger.issue(0);
    }
    ledger.failed(0, 1);
    ledger.failed(0, 2);
    ledger.failed(0, 2); // twice is once
    ledger.received(0, 0);
    assertEquals(0, ledger.outstanding());
    assertEquals(new DeliveryLedger.Totals(3, 1, 2, 0, 0, 0), ledger.totals());

    assertEquals(Outcome.FIRST, ledger.received(0, 2)); // committed before the connection broke
    assertEquals(new DeliveryLedger.Totals(3, 2, 1, 0, 0, 0), ledger.totals());
    assertEquals(0, ledger.outstanding());
  }

  @Test
  void failingAReceivedNotificationChangesNothing() {
    DeliveryLedger ledger = new DeliveryLedger(1);
    ledger.issue(0);
    ledger.received(0, 0);
    ledger.failed(0, 0);
    ledger.failed(0, 7); // never issued: ignored
    assertEquals(new DeliveryLedger.Totals(1, 1, 0, 0, 0, 0), ledger.totals());
  }

  @Test
  void concurrentReceiversCountEachNotificationOnce() throws InterruptedException {
    int perChannel = 10_000;
    DeliveryLedger ledger = new DeliveryLedger(4);
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < perChannel; i++) {
        ledger.issue(c);
      }
    }
    Thread[] receivers = new Thread[4];
    for (int r = 0; r < receivers.length; r++) {
      receivers[r] = new Thread(() -> {
        for (int c = 0; c < 4; c++) {
          for (int s = 0; s < perChannel; s++) {
            ledger.received(c, s); // every receiver sees everything: 1 first + 3 duplicates each
          }
        }
      });
      receivers[r].start();
    }
    for (Thread t : receivers) {
      t.join();
    }
    DeliveryLedger.Totals t = ledger.totals();
    assertEquals(4L * perChannel, t.delivered());
    assertEquals(3L * 4 * perChannel, t.duplicates());
    assertEquals(0, t.lost());
  }

  @Test
  void refusesAnEmptyLedger() {
    assertThrows(IllegalArgumentException.class, () -> new DeliveryLedger(0));
  }
}

package io.pushgate.gateway.delivery;

import java.util.List;

/** Frame helpers for tests outside this package. */
public final class DeliveryTests {
  private DeliveryTests() {}

  /** The {@code n} of every movieNotification of a notificationList frame, in order. */
  public static List<Integer> numbersOf(String frame) {
    return Channels.numbers(frame);
  }
}

package io.pushgate.bench.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback source addresses handed out round robin: 127.0.0.2, 127.0.0.3, ... Binding each client
 * socket to one of them multiplies the connections that fit: the kernel's ephemeral ports (about
 * 28,000 by default) are counted per source address, and Linux routes all of 127.0.0.0/8 to the
 * loopback interface.
 */
public final class SourceAddresses {
  /** 127.0.0.2 to 127.0.0.253. */
  static final int MAX = 252;
  private final InetAddress[] addresses;
  private final AtomicInteger next = new AtomicInteger();

  private SourceAddresses(InetAddress[] addresses) {
    this.addresses = addresses;
  }

  /** {@code count} addresses from 127.0.0.2; 0 means do not bind (the kernel picks 127.0.0.1). */
  public static SourceAddresses loopback(int count) {
    return loopback(count, 0);
  }

  /**
   * {@code count} addresses from 127.0.0.(2 + offset), wrapping within 127.0.0.2..127.0.0.253, so
   * several processes can use different ones.
   */
  public static SourceAddresses loopback(int count, int offset) {
    if (count < 0 || count > MAX || offset < 0) {
      throw new IllegalArgumentException("source addresses must be between 0 and " + MAX + ": " + count);
    }
    InetAddress[] addresses = new InetAddress[count];
    for (int i = 0; i < count; i++) {
      try {
        addresses[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + (offset + i) % MAX)});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e); // an address given as 4 bytes is never looked up
      }
    }
    return new SourceAddresses(addresses);
  }

  /** No binding at all (for a gateway that is not on loopback). */
  public static SourceAddresses none() {
    return new SourceAddresses(new InetAddress[0]);
  }

  public int size() {
    return addresses.length;
  }

  /** The next local address to bind (port 0: the kernel chooses), or null when not binding. */
  public InetSocketAddress next() {
    if (addresses.length == 0) {
      return null;
    }
    return new InetSocketAddress(addresses[Math.floorMod(next.getAndIncrement(), addresses.length)], 0);
  }
}

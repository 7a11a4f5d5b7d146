package io.pushgate.bench.metrics;

import java.util.BitSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which notifications were sent to which channel and which came back, to count the lost, the
 * duplicated and the unexpected ones.
 *
 * <p>Every channel numbers its notifications 0, 1, 2, ... in the order they are issued. The sender
 * {@link #issue issues} a number before it posts the notification; a receiver reports each
 * notification it reads with {@link #received}. A notification whose post failed for good is marked
 * {@link #failed}: it is no longer expected, but if it arrives all the same (the gateway may have
 * committed it before the connection broke) it counts as delivered, not as unexpected.
 *
 * <p>Memory: one bit per issued notification per set, so a run's ledger is bounded by what it sends.
 * Thread-safe: each channel's state has its own lock (senders and a socket's event loop meet there
 * rarely), totals are {@link LongAdder}s.
 */
public final class DeliveryLedger {
  /** What {@link #received} made of a notification. */
  public enum Outcome {
    /** Issued, and seen for the first time. */
    FIRST,
    /** Issued, and seen before. */
    DUPLICATE,
    /** Never issued to this channel (or not a channel of this ledger). */
    UNEXPECTED
  }

  private final ChannelState[] channels;
  private final LongAdder issued = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failedOpen = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder unexpected = new LongAdder();

  /** A ledger for channels {@code 0 .. channels-1}. */
  public DeliveryLedger(int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be at least 1: " + channels);
    }
    this.channels = new ChannelState[channels];
    for (int i = 0; i < channels; i++) {
      this.channels[i] = new ChannelState();
    }
  }

  public int channels() {
    return channels.length;
  }

  /** Takes the next number of {@code channel}: the notification about to be sent is expected now. */
  public long issue(int channel) {
    ChannelState state = channels[channel];
    long seq;
    synchronized (state) {
      seq = state.issued++;
    }
    issued.increment();
    return seq;
  }

  /** The post carrying notification {@code seq} of {@code channel} failed for good. */
  public void failed(int channel, long seq) {
    ChannelState state = channels[channel];
    synchronized (state) {
      if (seq < 0 || seq >= state.issued || state.failed.get((int) seq)) {
        return;
      }
      state.failed.set((int) seq);
      if (!state.received.get((int) seq)) {
        failedOpen.increment();
      }
    }
  }

  /** A receiver read notification {@code seq} of {@code channel}. */
  public Outcome received(long channel, long seq) {
    if (channel < 0 || channel >= channels.length) {
      unexpected.increment();
      return Outcome.UNEXPECTED;
    }
    ChannelState state = channels[(int) channel];
    synchronized (state) {
      if (seq < 0 || seq >= state.issued) {
        unexpected.increment();
        return Outcome.UNEXPECTED;
      }
      int bit = (int) seq;
      if (state.received.get(bit)) {
        duplicates.increment();
        return Outcome.DUPLICATE;
      }
      state.received.set(bit);
      if (state.failed.get(bit)) {
        failedOpen.decrement();
      }
    }
    delivered.increment();
    return Outcome.FIRST;
  }

  /** Issued, not failed, and not received yet: what the harness still waits for. */
  public long outstanding() {
    return issued.sum() - delivered.sum() - failedOpen.sum();
  }

  /** The counts so far; at the end of a run {@link Totals#lost()} is the loss. */
  public Totals totals() {
    long i = issued.sum();
    long d = delivered.sum();
    long f = failedOpen.sum();
    return new Totals(i, d, f, Math.max(0, i - d - f), duplicates.sum(), unexpected.sum());
  }

  /**
   * Counts of a ledger.
   *
   * @param issued notifications the sender numbered and posted (or tried to)
   * @param delivered distinct issued notifications received
   * @param failed notifications whose post failed for good and that never arrived
   * @param lost issued, not failed, never received
   * @param duplicates receptions of a notification already received
   * @param unexpected receptions of notifications never issued
   */
  public record Totals(long issued, long delivered, long failed, long lost, long duplicates, long unexpected) {}

  private static final class ChannelState {
    long issued;
    final BitSet received = new BitSet();
    final BitSet failed = new BitSet();
  }
}

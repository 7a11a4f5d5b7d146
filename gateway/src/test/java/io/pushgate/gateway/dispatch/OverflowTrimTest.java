package io.pushgate.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.channel.Channel;
import io.pushgate.model.ChannelType;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.RawNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-channel bound: every channel a commit took over it is cut by one removal, counted exactly. */
class OverflowTrimTest {
  private static final int LIMIT = 10;

  private final List<Map<String, Long>> removals = new ArrayList<>();
  private boolean failing;
  // every channel starts at sequence 1, so a cut at N removes N notifications
  private final OverflowTrim trim = new OverflowTrim(LIMIT, cuts -> {
    removals.add(Map.copyOf(cuts));
    if (failing) {
      throw new IllegalStateException("database gone");
    }
    return cuts.values().stream().mapToInt(Long::intValue).sum();
  });

  private static LiveChannel channel(String id) {
    return new LiveChannel(new Channel(id, "u", ChannelType.WebSockets, null, null, 4, null, "cb-" + id, "tok-" + id,
        3600, Instant.now().plusSeconds(3600), Instant.now()), 1, 0);
  }

  private static void commit(LiveChannel channel, int count) {
    long seq = channel.reserve(count);
    List<LoggedNotification> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(new LoggedNotification(seq + i, new RawNotification("a", MediaFormat.JSON, new byte[] {'{', '}'})));
    }
    channel.committed(batch);
  }

  @Test
  void testSuccess_channelsOverflowingInOneCommitAreCutByOneRemoval() {
    LiveChannel a = channel("a");
    LiveChannel b = channel("b");
    LiveChannel c = channel("c");
    LiveChannel under = channel("under");
    for (var commit : Map.of(a, 15, b, 12, c, 20, under, LIMIT).entrySet()) {
      commit(commit.getKey(), commit.getValue());
      trim.check(commit.getKey());
    }
    trim.removeCuts();
    assertEquals(List.of(Map.of("a", 5L, "b", 2L, "c", 10L)), removals);
    assertEquals(17, trim.dropped());

    trim.removeCuts();
    assertEquals(1, removals.size(), "nothing over the limit, nothing to remove");
  }

  @Test
  void testSuccess_twoAppendsOfOneChannelInOneCommitCutOnceAtTheLatest() {
    LiveChannel a = channel("a");
    commit(a, 12);
    trim.check(a);
    commit(a, 3);
    trim.check(a);
    trim.removeCuts();
    assertEquals(List.of(Map.of("a", 5L)), removals);
    assertEquals(5, trim.dropped());
  }

  @Test
  void testFailure_aFailedRemovalCountsNothingAndTheNextCommitStartsAfresh() {
    LiveChannel a = channel("a");
    LiveChannel b = channel("b");
    commit(a, 11);
    trim.check(a);
    failing = true;
    trim.removeCuts();
    assertEquals(0, trim.dropped());

    failing = false;
    commit(b, 13);
    trim.check(b);
    trim.removeCuts();
    assertEquals(List.of(Map.of("a", 1L), Map.of("b", 3L)), removals);
    assertEquals(3, trim.dropped());
  }
}

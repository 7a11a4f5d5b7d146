package io.pushgate.bench.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a command's numeric options and names only those that break their rule, each with the
 * value given ({@code --channels must be at least 1 (got 0)}): a user who got one option wrong
 * reads about that option, not a list of every rule.
 */
final class OptionRules {
  private final List<String> broken = new ArrayList<>();

  /** Records {@code option rule (got value)} unless {@code holds}. */
  OptionRules require(boolean holds, String option, Object value, String rule) {
    if (!holds) {
      broken.add(option + " " + rule + " (got " + (value instanceof Duration d ? DurationConverter.format(d) : value) + ")");
    }
    return this;
  }

  /** Throws IllegalArgumentException naming every broken rule; returns when none is. */
  void check() {
    if (!broken.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", broken));
    }
  }
}

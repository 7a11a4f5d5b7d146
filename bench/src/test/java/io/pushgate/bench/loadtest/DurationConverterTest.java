package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsUnitsAndPlainSeconds() {
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
    assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
    assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
    assertEquals(Duration.ofHours(1), converter.convert("1h"));
    assertEquals(Duration.ofSeconds(45), converter.convert("45"));
  }

  @Test
  void refusesNonsense() {
    assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
  }

  @Test
  void formatsForReports() {
    assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
    assertEquals("1.5s", DurationConverter.format(Duration.ofMillis(1500)));
    assertEquals("250ms", DurationConverter.format(Duration.ofMillis(250)));
  }
}

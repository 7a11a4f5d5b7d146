package io.pushgate.gateway.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: the cheapest way to load many
 * rows, because the server neither parses SQL nor text per value, and the client renders nothing.
 * The group-commit writer uses it for every batch of notifications.
 *
 * <p>Format (PostgreSQL manual, "COPY", binary format): an 11-byte signature, a flags word and a
 * header-extension length; per row a 16-bit field count and, per field, a 32-bit length followed by
 * the value in the type's binary send format; a 16-bit -1 at the end. Only the types the log needs
 * are here.
 */
final class BinaryCopyRows {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  /** PostgreSQL's timestamp epoch, 2000-01-01T00:00:00Z, as microseconds after the Unix epoch. */
  private static final long POSTGRES_EPOCH_MICROS = Duration.ofDays(10_957).toNanos() / 1_000;

  private byte[] bytes;
  private int size;
  private boolean finished;

  BinaryCopyRows(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
    put(SIGNATURE, 0, SIGNATURE.length);
    putInt(0); // flags: no OIDs
    putInt(0); // no header extension
  }

  /** Starts a row of {@code fields} values. */
  BinaryCopyRows row(int fields) {
    putShort(fields);
    return this;
  }

  BinaryCopyRows text(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return bytes(utf8);
  }

  BinaryCopyRows int8(long value) {
    putInt(Long.BYTES);
    putLong(value);
    return this;
  }

  BinaryCopyRows int2(short value) {
    putInt(Short.BYTES);
    putShort(value);
    return this;
  }

  /** A {@code bytea} value (or any value already in its binary form). */
  BinaryCopyRows bytes(byte[] value) {
    putInt(value.length);
    put(value, 0, value.length);
    return this;
  }

  /** A {@code timestamp with time zone}: microseconds since 2000-01-01 UTC (integer datetimes). */
  BinaryCopyRows timestamptz(Instant value) {
    long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    return int8(micros - POSTGRES_EPOCH_MICROS);
  }

  /** Ends the data; the array's first {@link #size()} bytes are then the whole COPY stream. */
  BinaryCopyRows finish() {
    if (!finished) {
      putShort(-1);
      finished = true;
    }
    return this;
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  private void putShort(int value) {
    ensure(2);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  private void putInt(int value) {
    ensure(4);
    bytes[size++] = (byte) (value >>> 24);
    bytes[size++] = (byte) (value >>> 16);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  private void putLong(long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }

  private void put(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (finished) {
      throw new IllegalStateException("COPY data already finished");
    }
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }
}

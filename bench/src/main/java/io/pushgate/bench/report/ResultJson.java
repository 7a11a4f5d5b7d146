package io.pushgate.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link RunResult} or a {@link Comparison} as indented JSON ({@code result.json}); reads one back as a tree. */
public final class ResultJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  /** Writes {@code result} to {@code file}, replacing it. */
  public static void write(RunResult result, Path file) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(result));
  }

  /** Writes a comparison of two runs to {@code file}, replacing it. */
  public static void write(Comparison comparison, Path file) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(comparison));
  }

  /** The JSON text of {@code result}. */
  public static String toJson(RunResult result) throws IOException {
    return JSON.writeValueAsString(result);
  }

  /** Reads a written result as a tree (for tools and tests; the record is the writing side's model). */
  public static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}

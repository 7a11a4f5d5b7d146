package io.pushgate.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lenient scalar rules (DESIGN §3): every scalar may arrive as a JSON string or as a native
 * number/boolean, {@code null} means absent, a repeated element may be a single value or an array.
 * A value of the wrong shape is SVC0002 naming the dotted part {@code at + name}; the part string is
 * only built on failure.
 */
final class Fields {
  private Fields() {}

  /** An object value; null when absent or null. */
  static JsonNode object(JsonNode node, String at, String name) throws InvalidBodyException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      return node;
    }
    throw InvalidBodyException.invalidPart(at, name);
  }

  static String string(JsonNode node, String at, String name) throws InvalidBodyException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw InvalidBodyException.invalidPart(at, name);
  }

  /** A non-negative xsd:int: a whole number in {@code [0, Integer.MAX_VALUE]}. */
  static Integer count(JsonNode node, String at, String name) throws InvalidBodyException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return count(node.textValue(), at, name);
    }
    if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
      return node.intValue();
    }
    throw InvalidBodyException.invalidPart(at, name);
  }

  /** A non-negative sequence number (a long), as a string or a native number. */
  static Long sequence(JsonNode node, String at, String name) throws InvalidBodyException {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isTextual() ? node.textValue().trim()
        : node.isIntegralNumber() && node.canConvertToLong() ? Long.toString(node.longValue()) : null;
    if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw InvalidBodyException.invalidPart(at, name);
    }
    return Long.parseLong(text);
  }

  /** A non-negative xsd:int from text: optional {@code +}, decimal digits, surrounding blanks ignored. */
  static Integer count(String text, String at, String name) throws InvalidBodyException {
    if (text == null) {
      return null;
    }
    String s = text.trim(); // xsd:int collapses whitespace, which matters for pretty-printed XML
    int i = s.startsWith("+") ? 1 : 0;
    if (i == s.length()) {
      throw InvalidBodyException.invalidPart(at, name);
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw InvalidBodyException.invalidPart(at, name);
      }
      value = value * 10 + (c - '0');
      if (value > Integer.MAX_VALUE) {
        throw InvalidBodyException.invalidPart(at, name);
      }
    }
    return (int) value;
  }

  /** An xsd:boolean: {@code true}, {@code false}, {@code 1} or {@code 0}, as text, boolean or number. */
  static Boolean bool(JsonNode node, String at, String name) throws InvalidBodyException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      String s = node.textValue().trim();
      if (s.equals("true") || s.equals("1")) {
        return Boolean.TRUE;
      }
      if (s.equals("false") || s.equals("0")) {
        return Boolean.FALSE;
      }
    } else if (node.isIntegralNumber() && node.canConvertToInt()) {
      int v = node.intValue();
      if (v == 0 || v == 1) {
        return v == 1;
      }
    }
    throw InvalidBodyException.invalidPart(at, name);
  }

  /** The occurrences of a repeated element: none, a single value, or an array's elements. */
  static List<JsonNode> items(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      return List.of(node);
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return items;
  }

  static List<String> strings(JsonNode node, String at, String name) throws InvalidBodyException {
    List<JsonNode> items = items(node);
    List<String> values = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      String value = string(item, at, name);
      if (value == null) {
        throw InvalidBodyException.invalidPart(at, name);
      }
      values.add(value);
    }
    return values;
  }
}

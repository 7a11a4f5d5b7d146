package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.model.MediaFormat;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentNegotiationTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "| JSON",
      "application/json | JSON",
      "application/xml | XML",
      "text/xml | XML",
      "*/* | JSON",
      "application/* | JSON",
      "application/xml, application/json | JSON",
      "application/json;q=0.5, application/xml | XML",
      "application/xml;q=0.9, */*;q=0.1 | XML",
      "application/vnd.example+json | JSON",
      "text/* | XML",
      "text/plain | NONE",
      "application/json;q=0 | NONE",
      "text/html, image/png | NONE"})
  void testResponseFormat(String accept, String expected) {
    Optional<MediaFormat> format = ContentNegotiation.responseFormat(accept);
    assertEquals(expected.equals("NONE") ? Optional.empty() : Optional.of(MediaFormat.valueOf(expected)), format);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/json | JSON",
      "application/json; charset=UTF-8 | JSON",
      "APPLICATION/JSON | JSON",
      "application/xml | XML",
      "text/xml; charset=utf-8 | XML",
      "application/x-www-form-urlencoded | FORM",
      "text/plain | NONE",
      "multipart/form-data | NONE",
      "| NONE"})
  void testRequestFormat(String contentType, String expected) {
    Optional<MediaFormat> format = ContentNegotiation.requestFormat(contentType);
    assertEquals(expected.equals("NONE") ? Optional.empty() : Optional.of(MediaFormat.valueOf(expected)), format);
  }
}

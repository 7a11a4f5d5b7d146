package io.pushgate.model;

import java.util.List;

/**
 * The content of an error body (root {@code requestError}, common namespace): a service or a
 * policy exception. The text keeps its {@code %1}, {@code %2} placeholders; {@link #variables()}
 * holds their values in order.
 */
public sealed interface RequestError permits ServiceException, PolicyException {

  /** The code, e.g. {@code SVC0002}. */
  String messageId();

  /** The template text with unsubstituted placeholders. */
  String text();

  /** The placeholder values, in order; never null. */
  List<String> variables();
}

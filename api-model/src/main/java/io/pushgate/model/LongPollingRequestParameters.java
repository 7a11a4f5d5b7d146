package io.pushgate.model;

/** The body of a long-poll request (root {@code longPollingRequestParameters}); empty in v1. */
public record LongPollingRequestParameters() {}

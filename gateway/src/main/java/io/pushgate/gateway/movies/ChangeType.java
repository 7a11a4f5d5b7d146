package io.pushgate.gateway.movies;

/** What happened to a movie, as a notification's {@code changeType} says it. */
public enum ChangeType { Created, Updated, Deleted }

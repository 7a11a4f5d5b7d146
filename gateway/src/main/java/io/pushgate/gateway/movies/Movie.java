package io.pushgate.gateway.movies;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/** A movie of the sample enabler: what a listing shows. Optional fields may be null. */
public record Movie(String movieId, String title, LocalDate premiereDate, String genre, String director,
    Integer runtimeMinutes, String rating, String synopsis) {
  public Movie {
    requireNonNull(movieId, "movieId");
    requireNonNull(title, "title");
    requireNonNull(premiereDate, "premiereDate");
  }
}

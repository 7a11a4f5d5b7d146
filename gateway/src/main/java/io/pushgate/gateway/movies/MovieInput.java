package io.pushgate.gateway.movies;

import java.time.LocalDate;

/** A movie as a client sent it: any field may be missing (null). */
public record MovieInput(String movieId, String title, LocalDate premiereDate, String genre, String director,
    Integer runtimeMinutes, String rating, String synopsis) {}

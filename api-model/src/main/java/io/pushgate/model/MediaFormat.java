package io.pushgate.model;

/** A body format the codec speaks, with its media type. */
public enum MediaFormat {
  JSON("application/json"),
  XML("application/xml"),
  FORM("application/x-www-form-urlencoded");

  private final String mediaType;

  MediaFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type without parameters, e.g. {@code application/json}. */
  public String mediaType() {
    return mediaType;
  }
}

package io.pushgate.model;

/**
 * Our extension, not in the spec: a client's confirmation over its WebSocket that it has processed
 * every notification up to {@code resumePoint} (the {@code ncResumePoint} of a list it received), so
 * the gateway may forget them. {@code {"ncAck": {"resumePoint": "42"}}}.
 *
 * @param resumePoint the sequence number confirmed; null only in an invalid message
 */
public record NcAck(Long resumePoint) {}

/**
 * The data model of the OMA RESTful Network API for Notification Channel V1.0 and its codecs.
 *
 * <p>Every structure of the spec is an immutable record; {@link io.pushgate.model.Codec} reads and
 * writes them as JSON, XML and (for the two request types that allow it)
 * application/x-www-form-urlencoded. Everything not public in this package is an implementation
 * detail of the codec.
 */
package io.pushgate.model;

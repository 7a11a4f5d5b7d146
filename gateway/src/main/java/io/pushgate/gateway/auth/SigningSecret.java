package io.pushgate.gateway.auth;

import io.pushgate.gateway.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 signing secret: the configured one, or one generated on first start and kept in
 * {@code <data-dir>/jwt-secret}, readable by its owner only. Never logged.
 */
public final class SigningSecret {
  private static final Logger log = LoggerFactory.getLogger(SigningSecret.class);
  /** HS256 wants at least 256 bits. */
  public static final int MIN_BYTES = 32;
  static final String FILE = "jwt-secret";

  private SigningSecret() {}

  /** The secret's bytes: {@code configured} if given, else the data directory's file, made if missing. */
  public static byte[] load(Optional<String> configured, Path dataDir) {
    if (configured.isPresent()) {
      byte[] secret = configured.get().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_BYTES) {
        throw new InvalidConfigurationException("--jwt-secret must be at least " + MIN_BYTES + " bytes");
      }
      return secret;
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return Base64.getUrlDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(dataDir);
      byte[] secret = new byte[MIN_BYTES];
      new SecureRandom().nextBytes(secret);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), StandardOpenOption.WRITE);
      log.info("generated a token signing secret in {} (owner-only); ./scripts/token signs with it", file);
      return secret;
    } catch (FileAlreadyExistsException raced) {
      return load(configured, dataDir);
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("cannot read or create the signing secret " + file + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}

package io.pushgate.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jooq.ConnectionProvider;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL lock a test holds in a transaction of its own on a running gateway's database, to
 * stop the gateway's statements at a chosen point (the log writer's COPY, a row update) until the
 * test lets go. Close releases it.
 */
public final class HeldLock implements AutoCloseable {
  private final ConnectionProvider connections;
  private final Connection connection;

  private HeldLock(ConnectionProvider connections, Connection connection) {
    this.connections = connections;
    this.connection = connection;
  }

  /** Takes the lock {@code sql} asks for, e.g. {@code LOCK TABLE notification IN SHARE MODE}. */
  public static HeldLock take(TestGateway gateway, String sql) throws SQLException {
    ConnectionProvider connections = gateway.component().database().dsl().configuration().connectionProvider();
    Connection connection = connections.acquire();
    try (Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute(sql);
      return new HeldLock(connections, connection);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      connection.setAutoCommit(true);
      connections.release(connection);
      throw e;
    }
  }

  /**
   * Waits until a session of the gateway waits for a lock of the kind {@code waitEvent} (PostgreSQL's
   * name: {@code relation} for a table lock, {@code transactionid} for a row another transaction holds).
   */
  public static void awaitWaiter(TestGateway gateway, String waitEvent, String what) {
    Await.until(Duration.ofSeconds(10), what, () -> ((Number) gateway.component().database().dsl().fetchValue(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = {0}",
        DSL.val(waitEvent))).longValue() > 0);
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } finally {
      connections.release(connection);
    }
  }
}

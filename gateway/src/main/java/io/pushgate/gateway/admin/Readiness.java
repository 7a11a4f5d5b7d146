package io.pushgate.gateway.admin;

import io.pushgate.gateway.store.Database;
import io.pushgate.gateway.store.DbExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** Whether the gateway should get traffic: its listeners are serving and its database answers. */
@Singleton
public final class Readiness {
  private final Database database;
  private final DbExecutor db;
  private volatile boolean serving;

  @Inject
  Readiness(Database database, DbExecutor db) {
    this.database = database;
    this.db = db;
  }

  /** Set once the listeners are bound; cleared when shutdown begins. */
  public void setServing(boolean serving) {
    this.serving = serving;
  }

  /** Completes with true when serving and the database answered a ping. */
  CompletableFuture<Boolean> check() {
    if (!serving) {
      return CompletableFuture.completedFuture(false);
    }
    return db.supply(database::isReachable).exceptionally(failure -> false);
  }
}

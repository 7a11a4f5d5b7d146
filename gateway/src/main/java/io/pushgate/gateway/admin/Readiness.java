package io.pushgate.gateway.admin;

import io.pushgate.gateway.ServingState;
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
  private final ServingState serving;

  @Inject
  Readiness(Database database, DbExecutor db, ServingState serving) {
    this.database = database;
    this.db = db;
    this.serving = serving;
  }

  /** Completes with true when serving and the database answered a ping. */
  CompletableFuture<Boolean> check() {
    if (!serving.isServing()) {
      return CompletableFuture.completedFuture(false);
    }
    return db.supply(database::isReachable).exceptionally(failure -> false);
  }
}

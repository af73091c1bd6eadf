package io.einlass.keycloak.core.tx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/** Runs an action when the request's transaction commits; nothing on rollback. */
public final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable action;

    public AfterCommit(Runnable action) {
        this.action = action;
    }

    /**
     * Runs {@code job} on Keycloak's executor {@code executor} once the current transaction commits (nothing on
     * rollback); {@code onRejected} runs instead when the executor refuses it.
     */
    public static void offThread(KeycloakSession session, String executor, Runnable job, Runnable onRejected) {
        ExecutorService pool = session.getProvider(ExecutorsProvider.class).getExecutor(executor);
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> {
            try {
                pool.execute(job);
            } catch (RejectedExecutionException e) {
                onRejected.run();
            }
        }));
    }

    @Override
    protected void commitImpl() {
        action.run();
    }

    @Override
    protected void rollbackImpl() {
        // the state the message refers to was not stored: send nothing
    }
}

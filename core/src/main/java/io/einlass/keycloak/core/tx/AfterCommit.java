package io.einlass.keycloak.core.tx;

import org.keycloak.models.AbstractKeycloakTransaction;

/** Runs an action when the request's transaction commits; nothing on rollback. */
public final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable action;

    public AfterCommit(Runnable action) {
        this.action = action;
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

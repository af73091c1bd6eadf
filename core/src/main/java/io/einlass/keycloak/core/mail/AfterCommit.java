package io.einlass.keycloak.core.mail;

import org.keycloak.models.AbstractKeycloakTransaction;

/** Runs an action when the request's transaction commits; nothing on rollback. */
final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable action;

    AfterCommit(Runnable action) {
        this.action = action;
    }

    @Override
    protected void commitImpl() {
        action.run();
    }

    @Override
    protected void rollbackImpl() {
        // the state the mail refers to was not stored: send nothing
    }
}

package io.einlass.keycloak.authenticators.recovery;

import io.einlass.keycloak.authenticators.flow.RecoveryProofs;
import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * {@code einlass-recovery-finish}: "Finish a password reset (Einlass)". Never set on accounts: the reset's proof
 * steps add it to the reset itself. Register it (enabled, not a default action) with a priority after
 * {@code UPDATE_PASSWORD} and {@code CONFIGURE_TOTP}.
 */
public final class RecoveryFinishActionFactory implements RequiredActionFactory, EinlassProviderFactory<RequiredActionProvider> {

    public static final String ID = RecoveryProofs.FINISH_ACTION;

    private static final RecoveryFinishAction SINGLETON = new RecoveryFinishAction();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Finish a password reset (Einlass)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }
}

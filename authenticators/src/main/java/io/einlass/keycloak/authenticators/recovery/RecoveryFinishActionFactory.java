package io.einlass.keycloak.authenticators.recovery;

import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.RecoveryProofs;
import io.einlass.keycloak.core.EinlassRequiredActionFactory;

/**
 * {@code einlass-recovery-finish}: "Finish a password reset (Einlass)". Never set on accounts: the reset's proof
 * steps add it to the reset itself. Register it (enabled, not a default action) with a priority after
 * {@code UPDATE_PASSWORD} and {@code CONFIGURE_TOTP}.
 */
public final class RecoveryFinishActionFactory extends EinlassRequiredActionFactory {

    public static final String ID = RecoveryProofs.FINISH_ACTION;

    public RecoveryFinishActionFactory() {
        super(ID, "Finish a password reset (Einlass)", new RecoveryFinishAction(), List.of(), config -> Optional.empty());
    }
}

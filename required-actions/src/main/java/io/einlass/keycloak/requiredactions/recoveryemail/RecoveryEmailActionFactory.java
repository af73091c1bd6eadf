package io.einlass.keycloak.requiredactions.recoveryemail;

import io.einlass.keycloak.core.EinlassRequiredActionFactory;

/** {@code einlass-recovery-email}: "Add a recovery email (Einlass)". */
public final class RecoveryEmailActionFactory extends EinlassRequiredActionFactory {

    public static final String ID = "einlass-recovery-email";

    public RecoveryEmailActionFactory() {
        super(ID, "Add a recovery email (Einlass)", new RecoveryEmailAction(), RecoveryEmailConfig.properties(), RecoveryEmailConfig::problem);
    }
}

package io.einlass.keycloak.requiredactions.recoveryphone;

import io.einlass.keycloak.core.EinlassRequiredActionFactory;

/** {@code einlass-recovery-phone}: "Add a recovery phone (Einlass)". */
public final class RecoveryPhoneActionFactory extends EinlassRequiredActionFactory {

    public static final String ID = "einlass-recovery-phone";

    public RecoveryPhoneActionFactory() {
        super(ID, "Add a recovery phone (Einlass)", new RecoveryPhoneAction(), RecoveryPhoneConfig.properties(), RecoveryPhoneConfig::problem);
    }
}

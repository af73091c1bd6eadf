package io.einlass.keycloak.requiredactions.recoveryphone;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/** {@code einlass-recovery-phone}: "Add a recovery phone (Einlass)". */
public final class RecoveryPhoneActionFactory implements RequiredActionFactory, EinlassProviderFactory<RequiredActionProvider> {

    public static final String ID = "einlass-recovery-phone";

    private static final RecoveryPhoneAction SINGLETON = new RecoveryPhoneAction();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Add a recovery phone (Einlass)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return RecoveryPhoneConfig.properties();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        Optional<String> problem = RecoveryPhoneConfig.problem(model.getConfig() == null ? Map.of() : model.getConfig());
        if (problem.isPresent()) {
            throw new ValidationException(new ValidationError(ID, "config", problem.get()));
        }
    }
}

package io.einlass.keycloak.requiredactions.recoveryemail;

import java.util.List;
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

/** {@code einlass-recovery-email}: "Add a recovery email (Einlass)". */
public final class RecoveryEmailActionFactory implements RequiredActionFactory, EinlassProviderFactory<RequiredActionProvider> {

    public static final String ID = "einlass-recovery-email";

    private static final RecoveryEmailAction SINGLETON = new RecoveryEmailAction();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Add a recovery email (Einlass)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    /** Each run of the action is one change; a replayed action URL does nothing (CVE-2026-37982 class). */
    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return RecoveryEmailConfig.properties();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        Optional<String> problem = RecoveryEmailConfig.problem(model.getConfig() == null ? java.util.Map.of() : model.getConfig());
        if (problem.isPresent()) {
            throw new ValidationException(new ValidationError(ID, RecoveryEmailConfig.LINK_VALIDITY, problem.get()));
        }
    }
}

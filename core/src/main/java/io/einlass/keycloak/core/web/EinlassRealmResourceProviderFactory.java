package io.einlass.keycloak.core.web;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code einlass}: the path segment of every Einlass endpoint ({@code /realms/{realm}/einlass/...}). Keycloak takes
 * the provider id as the path, so this one id has no {@code einlass-} suffix. Also reads the server option
 * {@code allow-loopback-links} and checks the realms' public URLs once the server has started
 * ({@link PublicUrlCheck}).
 */
public final class EinlassRealmResourceProviderFactory implements RealmResourceProviderFactory, EinlassProviderFactory<RealmResourceProvider> {

    public static final String ID = "einlass";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        PublicUrlCheck.configure(config.getBoolean(PublicUrlCheck.ALLOW_LOOPBACK_OPTION, false));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory,
                        session -> session.realms().getRealmsStream().forEach(PublicUrlCheck::checkAtStartup));
            }
        });
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new EinlassRealmResourceProvider(session);
    }
}

package io.einlass.keycloak.core.accountpage;

import org.keycloak.models.KeycloakSession;

/** The factory of a stateless section: one instance, an id and a place on the page. */
public abstract class SingletonSectionFactory implements AccountSectionFactory {

    private final String id;
    private final int order;
    private final AccountSection section;

    protected SingletonSectionFactory(String id, int order, AccountSection section) {
        this.id = id;
        this.order = order;
        this.section = section;
    }

    @Override
    public final AccountSection create(KeycloakSession session) {
        return section;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final int order() {
        return order;
    }
}

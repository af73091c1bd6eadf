package io.einlass.keycloak.it.support;

import java.util.Map;

/**
 * What an admin does under Authentication > Required actions > (action) > configure: set an action's config
 * (e.g. {@code max_auth_age}); close() removes it again.
 */
public final class RequiredActionConfig implements AutoCloseable {

    private final AdminClient admin;
    private final String path;

    private RequiredActionConfig(AdminClient admin, String path) {
        this.admin = admin;
        this.path = path;
    }

    public static RequiredActionConfig set(AdminClient admin, String realm, String alias, Map<String, String> config) {
        String path = "/realms/" + realm + "/authentication/required-actions/" + alias + "/config";
        admin.put(path, Map.of("config", config));
        return new RequiredActionConfig(admin, path);
    }

    /** Re-authentication for the action after {@code seconds} since the last sign-in. */
    public static RequiredActionConfig maxAuthAge(AdminClient admin, String realm, String alias, int seconds) {
        return set(admin, realm, alias, Map.of("max_auth_age", String.valueOf(seconds)));
    }

    @Override
    public void close() {
        admin.call("DELETE", path, null);
    }
}

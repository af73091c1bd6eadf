package io.einlass.keycloak.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What an admin does under Realm settings > Email: point the realm at another SMTP port, and undo it. */
public final class RealmSmtp implements AutoCloseable {

    private final AdminClient admin;
    private final String realm;
    private final String originalPort;

    private RealmSmtp(AdminClient admin, String realm, String originalPort) {
        this.admin = admin;
        this.realm = realm;
        this.originalPort = originalPort;
    }

    public static RealmSmtp port(AdminClient admin, String realm, int port) {
        ObjectNode rep = (ObjectNode) admin.get("/realms/" + realm);
        String original = rep.path("smtpServer").path("port").asText();
        set(admin, realm, String.valueOf(port));
        return new RealmSmtp(admin, realm, original);
    }

    private static void set(AdminClient admin, String realm, String port) {
        ObjectNode rep = (ObjectNode) admin.get("/realms/" + realm);
        ((ObjectNode) rep.path("smtpServer")).put("port", port);
        admin.put("/realms/" + realm, rep);
    }

    @Override
    public void close() {
        set(admin, realm, originalPort);
    }
}

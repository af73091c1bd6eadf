package io.einlass.keycloak.it.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The optional backend ({@code -Ptestcontainers}): the official Keycloak image with the same bundle and realm,
 * through Testcontainers Keycloak. Needs a Docker engine; {@link #dockerAvailable()} lets the extension skip.
 */
public final class ContainerServer implements KeycloakServer {

    private final KeycloakContainer container;

    private ContainerServer(KeycloakContainer container) {
        this.container = container;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    public static ContainerServer start(String keycloakVersion, Path bundleJar, Path realmDir, boolean withDemoUsers,
                                        Map<String, String> env, int... hostPorts) {
        for (int port : hostPorts) {
            Testcontainers.exposeHostPorts(port);
        }
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + keycloakVersion)
                .withAdminUsername(AdminClient.ADMIN_USER)
                .withAdminPassword(AdminClient.ADMIN_PASSWORD)
                .withProviderLibsFrom(List.of(bundleJar.toFile()))
                .withCopyToContainer(org.testcontainers.images.builder.Transferable.of(
                                RealmFiles.realmJson(realmDir, withDemoUsers, withDemoUsers)),
                        "/opt/keycloak/data/import/" + RealmFiles.REALM + "-realm.json");
        container = container.withCustomCommand("--import-realm");
        for (Map.Entry<String, String> e : env.entrySet()) {
            container = container.withEnv(e.getKey(), e.getValue().replace("127.0.0.1", "host.testcontainers.internal"));
        }
        container.start();
        ContainerServer server = new ContainerServer(container);
        // the public URL is only known once the port is mapped
        AdminClient admin = new AdminClient(server.baseUrl());
        var realm = (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/realms/" + RealmFiles.REALM);
        ((com.fasterxml.jackson.databind.node.ObjectNode) realm.path("attributes")).put("frontendUrl", server.baseUrl());
        admin.put("/realms/" + RealmFiles.REALM, realm);
        return server;
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        url = url.replace("127.0.0.1", "localhost");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String logLocation() {
        return "container " + container.getContainerId();
    }

    @Override
    public void close() {
        container.stop();
    }
}

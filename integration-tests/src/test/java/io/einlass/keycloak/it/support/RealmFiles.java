package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts the shipped realm where {@code kc.sh --import-realm} reads them, and for the demo (tests, dev server) the demo
 * content of {@code realm-config/demo/} apart: its users file, and its clients ({@code *-client.json}) added to the
 * realm's clients, as {@code compose/demo-seed.sh} adds them to a running server.
 */
public final class RealmFiles {

    public static final String REALM = "portal";

    private RealmFiles() {
    }

    public static Path realmDir() {
        return Path.of(System.getProperty("einlass.realm.dir", "../realm-config")).toAbsolutePath().normalize();
    }

    public static Path keycloakHome() {
        return Path.of(System.getProperty("einlass.keycloak.home", "target/keycloak-26.7.5")).toAbsolutePath().normalize();
    }

    public static void install(Path keycloakHome, Path realmDir, boolean withDemoUsers) {
        Path importDir = keycloakHome.resolve("data/import");
        try {
            Files.createDirectories(importDir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(importDir, "*.json")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            Files.write(importDir.resolve(REALM + "-realm.json"), realmJson(realmDir, withDemoUsers));
            if (withDemoUsers) {
                try (DirectoryStream<Path> demo = Files.newDirectoryStream(realmDir.resolve("demo"), REALM + "-users-*.json")) {
                    for (Path p : demo) {
                        Files.copy(p, importDir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The production realm file, with the demo clients added when asked. */
    public static byte[] realmJson(Path realmDir, boolean withDemo) {
        try {
            byte[] production = Files.readAllBytes(realmDir.resolve(REALM + "-realm.json"));
            if (!withDemo) {
                return production;
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode realm = (ObjectNode) json.readTree(production);
            ArrayNode clients = (ArrayNode) realm.path("clients");
            try (DirectoryStream<Path> demo = Files.newDirectoryStream(realmDir.resolve("demo"), "*-client.json")) {
                for (Path p : demo) {
                    JsonNode client = json.readTree(p.toFile());
                    clients.add(client);
                }
            }
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

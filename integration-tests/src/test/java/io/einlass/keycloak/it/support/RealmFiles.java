package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts the shipped realm where {@code kc.sh --import-realm} reads them, and for the demo (tests, dev server) the demo
 * content of {@code realm-config/demo/} with it, as {@code compose/demo-seed.sh} adds it to a running server: its
 * clients ({@code *-client.json}) and users ({@code portal-users-*.json}) added to the realm's, and its organizations
 * ({@code organizations/*.json}, members by username) with organizations switched on. The users go into the realm
 * file (not a users file of their own) because Keycloak imports organization members from the realm file only.
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
            Files.write(importDir.resolve(REALM + "-realm.json"), realmJson(realmDir, withDemoUsers, withDemoUsers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The production realm file, with the demo clients added when asked. */
    public static byte[] realmJson(Path realmDir, boolean withDemo) {
        return realmJson(realmDir, withDemo, false);
    }

    /** The production realm file; with the demo clients, and with the demo users and organizations when asked. */
    public static byte[] realmJson(Path realmDir, boolean withDemo, boolean withDemoUsers) {
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
            if (withDemoUsers) {
                ArrayNode users = realm.withArray("users");
                try (DirectoryStream<Path> demo = Files.newDirectoryStream(realmDir.resolve("demo"), REALM + "-users-*.json")) {
                    for (Path p : demo) {
                        json.readTree(p.toFile()).path("users").forEach(users::add);
                    }
                }
                ArrayNode organizations = realm.withArray("organizations");
                try (DirectoryStream<Path> demo = Files.newDirectoryStream(realmDir.resolve("demo/organizations"), "*.json")) {
                    for (Path p : demo) {
                        organizations.add(json.readTree(p.toFile()));
                    }
                }
                realm.put("organizationsEnabled", true);
            }
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

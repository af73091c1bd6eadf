package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts the shipped realm (and, apart, the demo users) where {@code kc.sh --import-realm} reads them. */
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
            Files.copy(realmDir.resolve(REALM + "-realm.json"), importDir.resolve(REALM + "-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
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
}

package io.einlass.keycloak.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * An operator follows the README's "Install a release": every file it names is what {@code ./mvnw -Prelease package}
 * produced (and nothing else), the version carries no -SNAPSHOT, and SHA256SUMS checks every download. Runs in the
 * release profile only (after the package phase).
 */
class ReleaseFilesIT {

    private static final Pattern LISTED_FILE = Pattern.compile("^- `([^`]+)`", Pattern.MULTILINE);

    private final Path release = Path.of(System.getProperty("einlass.release.dir", "target/release"));
    private final String version = System.getProperty("einlass.version", "?");

    @Test
    void theReadmeNamesExactlyTheFilesTheReleaseBuildProduces() throws IOException {
        assertThat(version).doesNotContain("SNAPSHOT").matches("\\d+\\.\\d+\\.\\d+");
        Set<String> named = namedInReadme();
        assertThat(named).contains("einlass-bundle-" + version + ".jar", "SHA256SUMS",
                "einlass-bundle-" + version + ".cyclonedx.json", "portal-realm.json");
        assertThat(produced()).isEqualTo(named);
    }

    @Test
    void sha256SumsChecksEveryOtherFile() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(release.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            assertThat(line).as("sha256sum format").matches("[0-9a-f]{64}  \\S+");
            sums.put(line.substring(66), line.substring(0, 64));
        }
        Set<String> others = new TreeSet<>(produced());
        others.remove("SHA256SUMS");
        assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(others);
        for (Map.Entry<String, String> e : sums.entrySet()) {
            assertThat(sha256(release.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theSbomListsTheShadedLibraryAndNoKeycloakJar() throws IOException {
        String sbom = Files.readString(release.resolve("einlass-bundle-" + version + ".cyclonedx.json"));
        assertThat(sbom).contains("\"bomFormat\" : \"CycloneDX\"").contains("libphonenumber").contains("einlass-core");
        assertThat(sbom).doesNotContain("\"group\" : \"org.keycloak\"");
    }

    private Set<String> namedInReadme() throws IOException {
        String readme = Files.readString(SourceTree.root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Install a release");
        assertThat(start).as("README section 'Install a release'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = LISTED_FILE.matcher(section);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Set<String> produced() throws IOException {
        try (Stream<Path> files = Files.list(release)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

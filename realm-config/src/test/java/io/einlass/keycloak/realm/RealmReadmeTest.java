package io.einlass.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * realm-config/README.md tells operators what the realm file holds: its table of clients and its flow trees must
 * name exactly the file's clients and flows, so the documentation cannot drift from the file.
 */
class RealmReadmeTest {

    private static final Pattern CLIENT_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);
    /** A tree line: "├── name    ..." with the name ending at two spaces or the line end. */
    private static final Pattern TREE_ENTRY = Pattern.compile("^[│ ]*[├└]── (.+?)(?: {2,}.*)?$");
    /** A top-level line of a tree: "einlass browser (bound as Browser flow)". */
    private static final Pattern TOP_LEVEL = Pattern.compile("^([a-z][^(]*?)(?: \\(.*\\))?$");

    private static String readme;
    private static JsonNode realm;

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        realm = new ObjectMapper().readTree(dir.resolve("portal-realm.json").toFile());
    }

    @Test
    void theClientTableNamesExactlyTheFilesClients() {
        Set<String> documented = new TreeSet<>();
        Matcher m = CLIENT_ROW.matcher(section("### Clients"));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> inFile = new TreeSet<>();
        realm.path("clients").forEach(c -> inFile.add(c.path("clientId").asText()));
        assertThat(documented).isEqualTo(inFile);
    }

    @Test
    void theFlowTreesNameExactlyTheFilesFlows() {
        Set<String> topLevel = new TreeSet<>();
        Set<String> entries = new LinkedHashSet<>();
        boolean inCode = false;
        for (String line : section("### Flows").split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode || line.isBlank()) {
                continue;
            }
            Matcher entry = TREE_ENTRY.matcher(line);
            Matcher top = TOP_LEVEL.matcher(line);
            if (entry.matches()) {
                entries.add(entry.group(1).strip());
            } else if (!line.startsWith(" ") && top.matches()) {
                topLevel.add(top.group(1).strip());
            }
        }
        Set<String> topInFile = new TreeSet<>();
        Set<String> subInFile = new TreeSet<>();
        realm.path("authenticationFlows").forEach(f ->
                (f.path("topLevel").asBoolean() ? topInFile : subInFile).add(f.path("alias").asText()));
        assertThat(topLevel).isEqualTo(topInFile);
        assertThat(entries).containsAll(subInFile);
        assertThat(realm.path("browserFlow").asText()).isIn(topLevel);
        assertThat(realm.path("resetCredentialsFlow").asText()).isIn(topLevel);
    }

    @Test
    void theTreeParserReadsEntriesAndTopLevelLines() {
        assertThat(TREE_ENTRY.matcher("│   ├── Password (Einlass)              ALTERNATIVE  \"einlass password\"").matches()).isTrue();
        Matcher m = TREE_ENTRY.matcher("    └── einlass second factor               CONDITIONAL");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("einlass second factor");
        Matcher top = TOP_LEVEL.matcher("einlass browser (bound as Browser flow)");
        assertThat(top.matches()).isTrue();
        assertThat(top.group(1)).isEqualTo("einlass browser");
    }

    private static String section(String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n### ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}

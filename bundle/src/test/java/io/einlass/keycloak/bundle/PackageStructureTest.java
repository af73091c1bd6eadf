package io.einlass.keycloak.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One home per feature: {@code core} knows no feature, feature packages meet only in {@code core} and in the shared
 * flow package, and no package cycle exists. Read from the import statements (and fully qualified references) of the
 * main sources.
 */
class PackageStructureTest {

    private static final String BASE = "io.einlass.keycloak.";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.einlass\\.keycloak(?:\\.[a-z][\\w]*)+)\\.[A-Z]");
    /** Packages every feature may use: the toolkit and the shared flow package. */
    private static final Set<String> SHARED = Set.of("core", "authenticators.flow", "requiredactions.flow");

    /** Package (relative to io.einlass.keycloak) to the packages its main sources refer to. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (Path file : SourceTree.mainFiles("*.java")) {
            String source;
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher p = PACKAGE.matcher(source);
            if (!p.find() || !p.group(1).startsWith(BASE)) {
                continue;
            }
            String pkg = p.group(1).substring(BASE.length());
            Set<String> targets = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher r = REFERENCE.matcher(source);
            while (r.find()) {
                String target = r.group(1).substring(BASE.length());
                if (!target.equals(pkg)) {
                    targets.add(target);
                }
            }
        }
        return deps;
    }

    /** "core.web" -> "core"; "authenticators.magiclink" stays; the module-level unit a rule talks about. */
    private static String unit(String pkg) {
        return pkg.startsWith("core") ? "core" : pkg;
    }

    @Test
    void coreKnowsNoFeature() {
        List<String> offending = new ArrayList<>();
        dependencies().forEach((pkg, targets) -> {
            if (pkg.startsWith("core")) {
                targets.stream().filter(t -> !t.startsWith("core")).forEach(t -> offending.add(pkg + " -> " + t));
            }
        });
        assertThat(offending).isEmpty();
        // and no feature's name lives in core
        assertThat(dependencies().keySet()).filteredOn(p -> p.startsWith("core."))
                .noneMatch(p -> p.contains("trust") || p.contains("magiclink") || p.contains("recovery"));
    }

    @Test
    void featurePackagesMeetOnlyInCoreAndTheSharedFlowPackage() {
        List<String> offending = new ArrayList<>();
        dependencies().forEach((pkg, targets) -> {
            if (unit(pkg).equals("core") || SHARED.contains(pkg)) {
                return;
            }
            for (String target : targets) {
                if (!SHARED.contains(unit(target))) {
                    offending.add(pkg + " -> " + target);
                }
            }
        });
        assertThat(offending).as("a feature imports another feature").isEmpty();
    }

    @Test
    void theSharedFlowPackageKnowsNoFeature() {
        Map<String, Set<String>> deps = dependencies();
        for (String flow : SHARED) {
            if (flow.equals("core")) {
                continue;
            }
            assertThat(deps.getOrDefault(flow, Set.of())).as(flow).allMatch(t -> unit(t).equals("core"));
        }
    }

    @Test
    void thereIsNoPackageCycle() {
        Map<String, Set<String>> deps = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            Map<String, String> parent = new LinkedHashMap<>();
            List<String> queue = new ArrayList<>(deps.get(start));
            queue.forEach(q -> parent.put(q, start));
            for (int i = 0; i < queue.size(); i++) {
                String current = queue.get(i);
                if (current.equals(start)) {
                    cycles.add(start);
                    break;
                }
                for (String next : deps.getOrDefault(current, Set.of())) {
                    if (!parent.containsKey(next)) {
                        parent.put(next, current);
                        queue.add(next);
                    }
                }
            }
        }
        assertThat(cycles).as("packages that reach themselves").isEmpty();
    }

    @Test
    void theScanSeesTheFeaturesAndTheirUseOfCore() {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps).containsKeys("authenticators.magiclink", "authenticators.trust", "authenticators.flow", "core.web");
        assertThat(deps.get("authenticators.magiclink")).contains("authenticators.flow", "core.web");
    }
}

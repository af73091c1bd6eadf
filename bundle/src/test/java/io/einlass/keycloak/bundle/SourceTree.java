package io.einlass.keycloak.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Einlass source tree next to this module, as the bundle test sees it. */
final class SourceTree {

    private SourceTree() {
    }

    /** The repository root (parent of the bundle module). */
    static Path root() {
        Path bundle = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path root = bundle.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("authenticators"))) {
            throw new IllegalStateException("not run from the bundle module of the Einlass source tree: " + bundle);
        }
        return root;
    }

    /** Every regular file under the modules' src/main trees whose name matches, never anything under target/. */
    static List<Path> mainFiles(String glob) {
        try (Stream<Path> modules = Files.list(root())) {
            return modules.filter(m -> Files.isDirectory(m.resolve("src/main")))
                    .flatMap(m -> walk(m.resolve("src/main")))
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path path) {
        return root().relativize(path).toString();
    }
}

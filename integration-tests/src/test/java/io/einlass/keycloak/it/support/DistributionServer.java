package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Keycloak server distribution (the {@code keycloak-quarkus-dist} zip unpacked by the build), started
 * as a child process on 127.0.0.1 with the bundle in {@code providers/} and the realm in {@code data/import/}.
 * Stopped with every descendant process (kc.sh re-executes the JVM after re-augmentation).
 */
public final class DistributionServer implements KeycloakServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final String baseUrl;
    private final Path log;
    private final Thread shutdownHook;

    private DistributionServer(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcessTree, "einlass-keycloak-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param home     unpacked distribution
     * @param mode     {@code start-dev} for tests and the dev server, {@code start} for benchmarks
     * @param env      extra environment (SMTP port, public URL, ...)
     * @param extraArgs extra command line options
     */
    public static DistributionServer start(Path home, int port, String mode, Map<String, String> env, List<String> extraArgs,
                                           String readinessRealm, Path log) {
        List<String> options = new ArrayList<>(List.of(mode,
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + Ports.free(),
                "--import-realm",
                "--db=dev-mem"));
        options.addAll(extraArgs);
        return launch(home, port, options, env, readinessRealm, log);
    }

    /**
     * Starts {@code kc.sh} with exactly these options (the first is the command, e.g. {@code start --optimized})
     * and waits until it serves {@code readinessRealm} on {@code http://localhost:<port>}.
     */
    public static DistributionServer launch(Path home, int port, List<String> options, Map<String, String> env,
                                            String readinessRealm, Path log) {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run the build (./mvnw verify) so it unpacks keycloak-quarkus-dist");
        }
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", AdminClient.ADMIN_USER);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", AdminClient.ADMIN_PASSWORD);
        environment.putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            String baseUrl = "http://localhost:" + port;
            DistributionServer server = new DistributionServer(process, baseUrl, log);
            try {
                server.awaitReady(readinessRealm);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code kc.sh build} with these options (re-augmentation, as an operator does after dropping in the JAR)
     * and returns its output; fails when it does not exit 0.
     */
    public static String build(Path home, List<String> options, Path log) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(options);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish within " + START_TIMEOUT + "; log: " + log);
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed (" + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A copy of the distribution under test without its data, for servers built differently (production mode,
     * cluster): their {@code kc.sh build} must not touch the tested one.
     */
    public static void copyHome(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(p -> !p.startsWith(from.resolve("data"))).forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String realm) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI probe = URI.create(baseUrl + "/realms/" + realm);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log: " + log + "\n" + tail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not serve " + probe + " within " + START_TIMEOUT + "; log: " + log + "\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String logLocation() {
        return log.toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL to the server JVM and the script: a crash, no shutdown of any kind. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void stopProcessTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run the build (./mvnw verify) so it unpacks keycloak-quarkus-dist");
        }
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), mode,
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + Ports.free(),
                "--import-realm",
                "--db=dev-mem"));
        command.addAll(extraArgs);
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

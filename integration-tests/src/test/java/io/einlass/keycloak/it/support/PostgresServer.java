package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL from Debian's {@code postgresql} package, run as a plain user process: {@code initdb} into a temporary
 * data directory, {@code pg_ctl start} on a free loopback port (Unix socket in that directory too), a database and a
 * non-superuser role for Keycloak with a password (scram over TCP). Stopped and deleted at {@link #close()} and at
 * JVM exit, also when tests fail. No system service, no Docker. As root (CI containers) the server runs as
 * {@code nobody}: PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    public static final String PASSWORD = "einlass-it-db-password";
    private static final String RUN_AS = "nobody";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::stopAndDelete, "einlass-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a fresh, empty server; fails with what to install when the binaries are missing. */
    public static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("einlass-pg-");
            if (isRoot()) {
                UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
                Files.setOwner(dir, nobody);
            }
            PostgresServer server = new PostgresServer(bin, dir, Ports.free());
            try {
                server.initAndStart();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initAndStart() {
        Path pwfile = dir.resolve("superuser-password");
        write(pwfile, "einlass-it-superuser\n");
        run("initdb", "-D", data().toString(), "-U", "postgres", "-E", "UTF8", "--locale=C",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile);
        start("start");
        psqlOn("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        psqlOn("postgres", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    private void start(String action) {
        // fsync off: a throw-away test database; connections for two Keycloak nodes with their pools
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "120",
                "-m", "fast", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200", action);
    }

    /** What Keycloak's {@code --db-url} needs. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("postgres.log");
    }

    /** {@code pg_ctl restart -m fast}: every open connection is cut, the server is back when this returns. */
    public void restart() {
        start("restart");
    }

    /** Runs SQL in Keycloak's database as the superuser over the Unix socket; returns the unaligned output. */
    public String psql(String sql) {
        return psqlOn(DATABASE, sql);
    }

    private String psqlOn(String database, String sql) {
        return run("psql", "-X", "-q", "-A", "-t", "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    private Path data() {
        return dir.resolve("data");
    }

    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void stopAndDelete() {
        if (Files.isRegularFile(data().resolve("postmaster.pid"))) {
            try {
                run("pg_ctl", "-D", data().toString(), "-w", "-t", "60", "-m", "fast", "stop");
            } catch (RuntimeException e) {
                System.err.println("[einlass] PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing left to clean
        }
    }

    private String run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("einlass-pg-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(tool + " did not finish in 180 s");
                }
                String output = Files.readString(out);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(tool + " failed (" + process.exitValue() + "):\n" + output);
                }
                return output.strip();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void write(Path file, String content) {
        try {
            Files.writeString(file, content);
            if (isRoot()) {
                Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest {@code /usr/lib/postgresql/<n>/bin}, or the directory of {@code initdb} on the PATH. */
    static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> parseOrZero(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: the cluster tests need Debian's postgresql package "
                + "(apt-get install postgresql; .ci/run installs it).");
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

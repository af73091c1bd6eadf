package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Two Keycloak nodes in production mode as operators run them: a copy of the distribution under test with the
 * bundle, built once ({@code kc.sh build --db=postgres}), then two
 * {@code start --optimized --cache=ispn --cache-stack=jdbc-ping} nodes on 127.0.0.1 with their own HTTP,
 * management and JGroups ports, one PostgreSQL
 * ({@link PostgresServer}) and one public URL ({@link LoadBalancer}, no stickiness). The realm is imported by node 1;
 * node 2 joins the cluster after. Mail (GreenMail), the SMS gateway stub and the app stub are shared, as in a real
 * deployment. Everything stops at {@link #close()}, also when tests fail.
 */
public final class KeycloakCluster implements AutoCloseable {

    public static final String REALM = RealmFiles.REALM;
    private static final Pattern TWO_MEMBERS = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\(2\\)");
    private static final String HEAP = "-Xms128m -Xmx640m";

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Path home;
    private Mailbox mailbox;
    private SmsGatewayStub sms;
    private AppStub app;
    private PostgresServer postgres;
    private LoadBalancer balancer;
    private final int[] httpPorts = {Ports.free(), Ports.free()};
    private final int[] clusterPorts = {Ports.free(), Ports.free()};
    private final DistributionServer[] nodes = new DistributionServer[2];
    private String buildOutput;
    private AdminClient admin;

    private KeycloakCluster(Path home) {
        this.home = home;
    }

    private void boot(Path tested) {
        mailbox = keep(Mailbox.start(Ports.free()));
        sms = keep(SmsGatewayStub.start(Ports.free()));
        app = keep(AppStub.start(Ports.free()));
        postgres = keep(PostgresServer.start());
        balancer = keep(LoadBalancer.start(Ports.free(),
                List.of("http://127.0.0.1:" + httpPorts[0], "http://127.0.0.1:" + httpPorts[1])));
        DistributionServer.copyHome(tested, home);
        RealmFiles.install(home, RealmFiles.realmDir(), true);
        writeQuarkusProperties();
        buildOutput = DistributionServer.build(home, List.of("--db=postgres", "--health-enabled=true", "--spi-einlass-sms--provider=http"), logOf("build"));
        nodes[0] = startNode(1, true);
        nodes[1] = startNode(2, false);
        awaitClusterOfTwo();
        admin = new AdminClient(balancer.url());
    }

    /** Starts PostgreSQL, builds the server and starts both nodes; cleans up what started when anything fails. */
    public static KeycloakCluster start() {
        Path tested = RealmFiles.keycloakHome();
        KeycloakCluster cluster = new KeycloakCluster(tested.resolveSibling(tested.getFileName() + "-cluster"));
        try {
            cluster.boot(tested);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * What docs/operator.md recommends for a database that can restart under a running Keycloak: check a pooled
     * connection before lending it (Keycloak's default pool hands out dead connections after a database restart,
     * and every request that draws one fails with 500 until the pool has replaced them).
     */
    private void writeQuarkusProperties() {
        try {
            Files.writeString(home.resolve("conf/quarkus.properties"), "quarkus.datasource.jdbc.validate-on-borrow=true\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.add(0, part);
        return part;
    }

    private DistributionServer startNode(int n, boolean importRealm) {
        List<String> options = new ArrayList<>(List.of("start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPorts[n - 1],
                "--http-management-port=" + Ports.free(),
                "--hostname=" + balancer.url(),
                "--db-url=" + postgres.jdbcUrl(),
                "--db-username=" + PostgresServer.USER,
                "--db-password=" + PostgresServer.PASSWORD,
                "--db-pool-max-size=40",
                "--cache=ispn", // run-time options in 26.7 (kc.sh build ignores them)
                "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPorts[n - 1],
                // the public URL is the loopback balancer: links in mails only work on this machine, which is the point
                "--spi-realm-restapi-extension--einlass--allow-loopback-links=true"));
        if (importRealm) {
            options.add("--import-realm");
        }
        options.addAll(EinlassEnvironment.serverArguments(sms));
        Map<String, String> env = new LinkedHashMap<>(EinlassEnvironment.serverEnvironment(mailbox, 0));
        env.put("EINLASS_PUBLIC_URL", balancer.url());
        env.put("EINLASS_APP_URL", app.url());
        env.put("JAVA_OPTS_KC_HEAP", HEAP);
        DistributionServer node = DistributionServer.launch(home, httpPorts[n - 1], options, env, REALM, logOf("node-" + n));
        keep(node);
        return node;
    }

    private void awaitClusterOfTwo() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (TWO_MEMBERS.matcher(log(1)).find() && TWO_MEMBERS.matcher(log(2)).find()) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("the two nodes did not form a cluster of two within 2 minutes; logs: "
                + logOf("node-1") + ", " + logOf("node-2"));
    }

    private Path logOf(String name) {
        return home.resolveSibling("keycloak-cluster-" + name + ".log");
    }

    /** The realm's one public URL (the load balancer). */
    public String url() {
        return balancer.url();
    }

    public LoadBalancer balancer() {
        return balancer;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public SmsGatewayStub sms() {
        return sms;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public AdminClient admin() {
        return admin;
    }

    /** Node {@code n} (1 or 2). */
    public DistributionServer node(int n) {
        return nodes[n - 1];
    }

    /** What {@code kc.sh build} printed. */
    public String buildOutput() {
        return buildOutput;
    }

    /** The whole log of node {@code n} so far. */
    public String log(int n) {
        try {
            return Files.readString(logOf("node-" + n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty browser profile; its requests are spread by the balancer unless pinned with {@link Browser#onNode}. */
    public Browser browser() {
        return new Browser(balancer.url());
    }

    public Browser browser(String userAgent) {
        return new Browser(balancer.url(), userAgent);
    }

    public OidcApp app(String clientId) {
        return new OidcApp(balancer.url(), REALM, clientId, app.url() + "/callback");
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("[einlass] stopping " + part.getClass().getSimpleName() + " failed: " + e);
            }
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

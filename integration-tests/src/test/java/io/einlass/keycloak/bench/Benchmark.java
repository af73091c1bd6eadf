package io.einlass.keycloak.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.DistributionServer;
import io.einlass.keycloak.it.support.ExecutionConfig;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.Ports;
import io.einlass.keycloak.it.support.RealmFiles;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.Totp;

/**
 * Login cost of the Einlass flows against Keycloak's built-in flows, in one run against one server in production
 * mode ({@code kc.sh start}, H2 in-memory database, local caches). Server CPU is read from /proc (user + system
 * time of the Keycloak JVM) around each scenario; logins per second with 4 concurrent clients. Prints a Markdown
 * table and writes it to {@code target/benchmark.md}.
 * <p>
 * Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl integration-tests -Pbench test}
 */
public final class Benchmark {

    private static final int WARMUP = intProperty("bench.warmup", 400);
    private static final int ROUNDS = intProperty("bench.rounds", 300);
    private static final int CONCURRENCY = 4;
    private static final int PASSES = 5;
    private static final String APP_REDIRECT = "http://localhost:3000/callback";

    private final AdminClient admin;
    private final String base;
    private final SmtpSink smtp;
    private final long serverPid;

    private Benchmark(AdminClient admin, String base, SmtpSink smtp, long serverPid) {
        this.admin = admin;
        this.base = base;
        this.smtp = smtp;
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        int port = Ports.free();
        Path home = RealmFiles.keycloakHome();
        RealmFiles.install(home, RealmFiles.realmDir(), false);
        try (SmtpSink smtp = new SmtpSink(Ports.free())) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("EINLASS_SMTP_HOST", "127.0.0.1");
            env.put("EINLASS_SMTP_PORT", String.valueOf(smtp.port()));
            env.put("EINLASS_PUBLIC_URL", "http://localhost:" + port);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms512m -Xmx1g");
            System.out.println("Starting Keycloak " + System.getProperty("einlass.keycloak.version", "26.7.5") + " in production mode (kc.sh start) ...");
            try (DistributionServer server = DistributionServer.start(home, port, "start", env,
                    List.of("--http-enabled=true", "--hostname=http://localhost:" + port, "--cache=local",
                            "--log-level=WARN", "--proxy-headers=xforwarded",
                            // one machine: the links point at localhost (PublicUrlCheck refuses that in production)
                            "--spi-realm-restapi-extension--einlass--allow-loopback-links=true"),
                    RealmFiles.REALM, home.getParent().resolve("keycloak-bench.log"))) {
                Benchmark bench = new Benchmark(new AdminClient(server.baseUrl()), server.baseUrl(), smtp, server.pid());
                String table = bench.run();
                System.out.println(table);
                Files.writeString(home.getParent().resolve("benchmark.md"), table);
            }
        }
    }

    private String run() throws Exception {
        setUp();
        Map<String, Step> scenarios = new LinkedHashMap<>();
        scenarios.put("Keycloak built-in browser flow, password, default hashing", () -> builtinPassword("portal"));
        scenarios.put("Keycloak built-in browser flow, password, hashing made cheap (floor)", () -> builtinPassword("bench"));
        scenarios.put("Einlass magic link, email-only client: request, mail, confirm, code exchange", () -> magicLink("portal-passwordless"));
        scenarios.put("Einlass magic link chosen on the password page (main flow)", () -> magicLink("portal-app"));
        scenarios.put("Einlass password-only login (cheap hashing)", () -> einlassPassword("pw-only", false));
        scenarios.put("Einlass password + trusted browser skips OTP (cheap hashing)", () -> einlassPassword("trusted", false));
        scenarios.put("Einlass password + OTP code (cheap hashing)", () -> einlassPassword("otp", true));
        // warm the JIT on every path first, so no scenario profits from running later
        for (Map.Entry<String, Step> scenario : scenarios.entrySet()) {
            System.out.println("warming up: " + scenario.getKey());
            for (int i = 0; i < WARMUP; i++) {
                scenario.getValue().run();
            }
        }
        // measure in interleaved passes, so drift of a noisy machine spreads over all scenarios alike
        List<String[]> rows = new ArrayList<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> cpuMillis = new LinkedHashMap<>();
        int perPass = Math.max(1, ROUNDS / PASSES);
        for (int pass = 0; pass < PASSES; pass++) {
            for (Map.Entry<String, Step> scenario : scenarios.entrySet()) {
                long before = serverCpuMillis();
                for (int i = 0; i < perPass; i++) {
                    scenario.getValue().run();
                }
                cpuMillis.merge(scenario.getKey(), serverCpuMillis() - before, Long::sum);
            }
        }
        for (String name : scenarios.keySet()) {
            double perLogin = cpuMillis.get(name) / (double) (perPass * PASSES);
            cpu.put(name, perLogin);
            rows.add(new String[] {name, String.valueOf(perLogin)});
            System.out.printf("%-80s %6.1f ms CPU/login%n", name, perLogin);
        }
        List<Double> values = new ArrayList<>(cpu.values());
        double pwDefault = values.get(0);
        double floor = values.get(1);
        double magic = values.get(2);
        double magicMain = values.get(3);
        double pwOnly = values.get(4);
        double trusted = values.get(5);

        double pwRate = throughput(() -> builtinPassword("portal"));
        double magicRate = throughput(() -> magicLink("portal-passwordless"));
        Timing timing = requestTiming();

        StringBuilder sb = new StringBuilder();
        sb.append("| Scenario | server CPU per login (ms) | vs floor |\n|---|---:|---:|\n");
        for (String[] row : rows) {
            double perLogin = Double.parseDouble(row[1]);
            sb.append("| ").append(row[0]).append(" | ").append(String.format("%.1f", perLogin)).append(" | ")
                    .append(String.format("%.2f x", perLogin / floor)).append(" |\n");
        }
        sb.append("\n| Throughput (").append(CONCURRENCY).append(" concurrent clients) | logins/s |\n|---|---:|\n");
        sb.append(String.format("| Keycloak password login, default hashing | %.1f |%n", pwRate));
        sb.append(String.format("| Einlass magic-link login | %.1f |%n", magicRate));
        sb.append("\n| Check | measured | target |\n|---|---:|---:|\n");
        sb.append(String.format("| magic-link CPU / floor | %.2f (main flow: %.2f) | <= 1.5 |%n", magic / floor, magicMain / floor));
        sb.append(String.format("| magic-link capacity / password capacity (server CPU per login, inverse) | %.2f | >= 4 |%n", pwDefault / magic));
        sb.append(String.format("| magic-link logins/s / password logins/s (4 clients on the same 2 cores) | %.2f | >= 4 |%n", magicRate / pwRate));
        sb.append(String.format("| trusted-browser login CPU / password-only CPU | %.3f | <= 1.05 |%n", trusted / pwOnly));
        sb.append(String.format("| request step median, unknown / known address, SMTP answering after 500 ms | %.3f (%.1f ms / %.1f ms) | within 0.95-1.05 |%n",
                timing.unknownMedian / timing.knownMedian, timing.unknownMedian, timing.knownMedian));
        sb.append(String.format("%nPeak resident memory of the Keycloak JVM: %d MiB. Password hashing default: %s. "
                + "Rounds per scenario: %d (in %d interleaved passes) after %d warm-up.%n", peakRssMiB(), pwDefaultLabel(pwDefault),
                perPass * PASSES, PASSES, WARMUP));
        return sb.toString();
    }

    private static String pwDefaultLabel(double cpu) {
        return String.format("%.1f ms CPU per login", cpu);
    }

    // --- set-up -----------------------------------------------------------------------------------------------

    private void setUp() {
        // a second realm with the same Einlass configuration and cheap password hashing (the cost floor)
        ObjectNode export = (ObjectNode) admin.post("/realms/portal/partial-export?exportClients=true&exportGroupsAndRoles=false", null);
        export.put("realm", "bench");
        export.remove("id");
        export.put("passwordPolicy", "hashIterations(1)");
        export.put("otpPolicyCodeReusable", true);
        export.put("bruteForceProtected", false);
        stripIds(export);
        // flow ids are re-created on import: drop the client's flow override (the benchmark uses portal-app only)
        for (JsonNode client : export.path("clients")) {
            ((ObjectNode) client).remove("authenticationFlowBindingOverrides");
        }
        admin.post("/realms", export);
        for (String realm : List.of("portal", "bench")) {
            String builtinBrowser = null;
            for (JsonNode flow : admin.get("/realms/" + realm + "/authentication/flows")) {
                if ("browser".equals(flow.path("alias").asText())) {
                    builtinBrowser = flow.path("id").asText();
                }
            }
            ObjectNode client = Json.MAPPER.createObjectNode();
            client.put("clientId", "bench-builtin").put("publicClient", true).put("standardFlowEnabled", true)
                    .put("directAccessGrantsEnabled", false);
            client.putArray("redirectUris").add("http://localhost:3000/*");
            client.putObject("attributes").put("pkce.code.challenge.method", "S256");
            client.putObject("authenticationFlowBindingOverrides").put("browser", builtinBrowser);
            admin.post("/realms/" + realm + "/clients", client);
            for (String flow : List.of("einlass first factor", "einlass email sign-in")) {
                ExecutionConfig.change(admin, realm, flow, "einlass-magic-link", Map.of(
                        "einlass.magic-link.limit-per-address", "100", "einlass.magic-link.limit-per-ip", "10000"));
            }
            ObjectNode rep = (ObjectNode) admin.get("/realms/" + realm);
            rep.put("bruteForceProtected", false);
            // the OTP scenario signs in many times within one 30-second window with the same code
            rep.put("otpPolicyCodeReusable", true);
            admin.put("/realms/" + realm, rep);
        }
        for (String realm : List.of("portal", "bench")) {
            admin.createUser(realm, "pw@bench.example", "Bench-Password-1", Map.of());
            admin.createUser(realm, "pw-only@bench.example", "Bench-Password-1", Map.of());
            for (int i = 0; i < LINK_USERS; i++) {
                admin.createUser(realm, "link" + i + "@bench.example", null, Map.of());
            }
            createOtpUser(realm, "trusted@bench.example");
            createOtpUser(realm, "otp@bench.example");
        }
    }

    private static void stripIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("id");
            object.remove("containerId");
            object.fields().forEachRemaining(e -> stripIds(e.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(Benchmark::stripIds);
        }
    }

    private static final String OTP_SECRET = "bench-otp-secret-0123";

    private void createOtpUser(String realm, String email) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("username", email).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", "Bench").put("lastName", "User");
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", "Bench-Password-1").put("temporary", false);
        credentials.addObject().put("type", "otp").put("userLabel", "Phone")
                .put("secretData", "{\"value\":\"" + OTP_SECRET + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        admin.post("/realms/" + realm + "/users", user);
    }

    // --- scenarios --------------------------------------------------------------------------------------------

    /** Sign-in mails are rate-limited per address (at most 100 per window): spread the rounds over many users. */
    private static final int LINK_USERS = 40;
    private final java.util.concurrent.atomic.AtomicInteger nextLinkUser = new java.util.concurrent.atomic.AtomicInteger();
    private final ThreadLocal<Integer> worker = ThreadLocal.withInitial(() -> 0);
    private final Map<String, Browser> trustedBrowsers = new java.util.concurrent.ConcurrentHashMap<>();

    private void builtinPassword(String realm) {
        Browser browser = new Browser(base);
        OidcApp app = new OidcApp(base, realm, "bench-builtin", APP_REDIRECT);
        OidcApp.Login login = app.login();
        Page page = browser.open(login.url());
        Page back = page.form("#kc-form-login").set("username", "pw@bench.example").set("password", "Bench-Password-1").submit();
        login.complete(back);
    }

    private void magicLink(String clientId) throws InterruptedException {
        String email = "link" + (nextLinkUser.getAndIncrement() % LINK_USERS) + "@bench.example";
        Browser browser = new Browser(base);
        OidcApp.Login login = new OidcApp(base, "portal", clientId, APP_REDIRECT).login();
        SignIn.requestLink(browser, login, email);
        String link = smtp.nextLink(email);
        login.complete(SignIn.openAndConfirm(browser, link));
    }

    private void einlassPassword(String who, boolean code) {
        String email = who + "@bench.example";
        OidcApp.Login login = new OidcApp(base, "bench", "portal-app", APP_REDIRECT).login();
        Browser browser;
        if ("trusted".equals(who)) {
            browser = trustedBrowsers.computeIfAbsent(Thread.currentThread().getName(), k -> trustOnce(email));
            browser.cookies().remove("KEYCLOAK_IDENTITY");
            browser.cookies().remove("KEYCLOAK_SESSION");
            browser.cookies().remove("AUTH_SESSION_ID");
        } else {
            browser = new Browser(base);
        }
        Page page = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), email), "Bench-Password-1");
        if (code) {
            page = page.form("#kc-otp-login-form").set("otp", Totp.now(OTP_SECRET)).submit();
        }
        login.complete(page);
    }

    private Browser trustOnce(String email) {
        Browser browser = new Browser(base);
        OidcApp.Login login = new OidcApp(base, "bench", "portal-app", APP_REDIRECT).login();
        Page otp = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), email), "Bench-Password-1");
        login.complete(otp.form("#kc-otp-login-form").set("otp", Totp.now(OTP_SECRET)).check("trustBrowser").submit());
        return browser;
    }

    // --- measurement ------------------------------------------------------------------------------------------

    interface Step {
        void run() throws Exception;
    }

    private double throughput(Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        int perWorker = Math.max(10, ROUNDS / CONCURRENCY);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            int id = w;
            tasks.add(() -> {
                worker.set(id);
                for (int i = 0; i < perWorker; i++) {
                    step.run();
                }
                return null;
            });
        }
        long start = System.nanoTime();
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return CONCURRENCY * perWorker / seconds;
    }

    private record Timing(double knownMedian, double unknownMedian) {
    }

    /** The request step (email, then "email me a link") with a slow SMTP server, known and unknown interleaved. */
    private Timing requestTiming() throws Exception {
        smtp.delay(500);
        List<Double> known = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            boolean isKnown = i % 2 == 0;
            String email = isKnown ? "link" + (i % LINK_USERS) + "@bench.example" : "nobody" + i + "@bench.example";
            Browser browser = new Browser(base);
            Page emailPage = SignIn.start(browser, new OidcApp(base, "portal", "portal-passwordless", APP_REDIRECT).login());
            long start = System.nanoTime();
            SignIn.requestLink(browser, null, email, emailPage);
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= 20) {
                (isKnown ? known : unknown).add(ms);
            }
        }
        smtp.delay(0);
        return new Timing(median(known), median(unknown));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private long serverCpuMillis() throws Exception {
        long ticks = 0;
        List<Long> pids = new ArrayList<>();
        pids.add(serverPid);
        ProcessHandle.of(serverPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long pid : pids) {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (Files.exists(stat)) {
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        }
        return ticks * 1000 / 100; // USER_HZ = 100 on Linux
    }

    private long peakRssMiB() throws Exception {
        long max = 0;
        List<Long> pids = new ArrayList<>();
        pids.add(serverPid);
        ProcessHandle.of(serverPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long pid : pids) {
            Path status = Path.of("/proc", String.valueOf(pid), "status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        max = Math.max(max, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            }
        }
        return max;
    }

    private static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
    }

    @SuppressWarnings("unused")
    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}

package io.einlass.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
import io.einlass.keycloak.it.support.PostgresServer;
import io.einlass.keycloak.it.support.RealmFiles;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import io.einlass.keycloak.it.support.Urls;

/**
 * Login cost of the Einlass flows against Keycloak's built-in flows, in one run against one server in production
 * mode ({@code kc.sh start}, PostgreSQL on a loopback port by default, local caches). Server CPU is read from /proc
 * (user + system time of the Keycloak JVM, and separately of all PostgreSQL processes) around each pass; logins per
 * second with 4 concurrent clients; the request-step timing; a JFR profile of the magic-link sign-in. Prints a
 * Markdown report and writes it to {@code target/benchmark.md}.
 * <p>
 * System properties: {@code einlass.bench.db} ({@code postgres}, default, or {@code h2}),
 * {@code einlass.bench.smoke=true} (every scenario a few times, no figures worth reading: for CI),
 * {@code einlass.bench.warmup}, {@code einlass.bench.rounds}, {@code einlass.bench.timing-samples},
 * {@code einlass.bench.profile-rounds}. The run fails (non-zero exit of Maven) when any scenario fails.
 */
public final class Benchmark {

    private static final boolean SMOKE = Boolean.getBoolean("einlass.bench.smoke");
    private static final int WARMUP = intProperty("warmup", SMOKE ? 4 : 300);
    private static final int ROUNDS = intProperty("rounds", SMOKE ? 5 : 300);
    /** Request-step samples per side (known, unknown), interleaved. */
    private static final int TIMING_SAMPLES = intProperty("timing-samples", SMOKE ? 10 : 1000);
    private static final int PROFILE_ROUNDS = intProperty("profile-rounds", SMOKE ? 10 : 400);
    /** Sign-ins recorded for each of the three password scenarios compared (password-only, trusted, code). */
    private static final int COMPARE_ROUNDS = intProperty("compare-rounds", SMOKE ? 5 : 800);
    private static final String DB = System.getProperty("einlass.bench.db", "postgres");
    /** {@code -Deinlass.bench.leak=true}: instead of the login benchmark, the leak check ({@link #leakCheck}). */
    private static final boolean LEAK = Boolean.getBoolean("einlass.bench.leak");
    private static final int LEAK_SIGNINS = intProperty("leak-signins", SMOKE ? 30 : 10_000);
    private static final int LEAK_IDLE_SECONDS = intProperty("leak-idle-seconds", SMOKE ? 0 : 150);
    private static final int CONCURRENCY = 4;
    private static final int PASSES = 5;
    private static final String APP_REDIRECT = "http://localhost:3000/callback";
    private static final String FLOOR_POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";

    private static final String PW_DEFAULT = "Keycloak built-in browser flow, password, default hashing (capacity reference)";
    private static final String FLOOR_PBKDF2 = "Floor A: Keycloak built-in browser flow, password, PBKDF2-SHA256 1 iteration";
    private static final String FLOOR_USERNAME = "Floor B: Keycloak built-in username-only sign-in (Username Form, no hashing)";
    private static final String BUILTIN_OTP = "Keycloak built-in browser flow, password + OTP code (PBKDF2-1; the code step's reference)";
    private static final String MAGIC = "Einlass magic link, email-only client: request, mail, confirm, code exchange";
    private static final String MAGIC_MAIN = "Einlass magic link chosen on the password page (main flow)";
    private static final String PW_ONLY = "Einlass password-only login (PBKDF2-1)";
    private static final String TRUSTED = "Einlass password + trusted browser skips OTP (PBKDF2-1)";
    private static final String OTP = "Einlass password + OTP code (PBKDF2-1)";

    private final AdminClient admin;
    private final String base;
    private final SmtpSink smtp;
    private final long serverPid;
    private final int postgresPort;

    private Benchmark(AdminClient admin, String base, SmtpSink smtp, long serverPid, int postgresPort) {
        this.admin = admin;
        this.base = base;
        this.smtp = smtp;
        this.serverPid = serverPid;
        this.postgresPort = postgresPort;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("einlass.bench.analyze") != null) {
            System.out.println(analyze(Path.of(System.getProperty("einlass.bench.analyze")), PROFILE_ROUNDS).markdown());
            return;
        }
        if (Boolean.getBoolean("einlass.bench.startup")) {
            StartupBenchmark.main(args);
            return;
        }
        int port = Ports.free();
        Path home = RealmFiles.keycloakHome();
        RealmFiles.install(home, RealmFiles.realmDir(), false);
        PostgresServer postgres = "h2".equals(DB) ? null : PostgresServer.start();
        try (SmtpSink smtp = new SmtpSink(Ports.free())) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("EINLASS_SMTP_HOST", "127.0.0.1");
            env.put("EINLASS_SMTP_PORT", String.valueOf(smtp.port()));
            env.put("EINLASS_PUBLIC_URL", "http://localhost:" + port);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms512m -Xmx1g");
            List<String> options = new ArrayList<>(List.of("start",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + Ports.free(),
                    "--import-realm",
                    "--http-enabled=true", "--hostname=http://localhost:" + port, "--cache=local",
                    "--log-level=WARN", "--proxy-headers=xforwarded",
                    // one machine: the links point at localhost (PublicUrlCheck refuses that in production)
                    "--spi-realm-restapi-extension--einlass--allow-loopback-links=true"));
            if (postgres == null) {
                options.add("--db=dev-mem");
            } else {
                options.add("--db=postgres");
                options.add("--db-url=" + postgres.jdbcUrl());
                env.put("KC_DB_USERNAME", PostgresServer.USER);
                env.put("KC_DB_PASSWORD", PostgresServer.PASSWORD);
            }
            System.out.println("Starting Keycloak " + System.getProperty("einlass.keycloak.version", "26.7.5")
                    + " in production mode (kc.sh start), database " + (postgres == null ? "H2 in memory" : "PostgreSQL")
                    + (SMOKE ? ", smoke run" : "") + " ...");
            long t0 = System.nanoTime();
            try (DistributionServer server = DistributionServer.launch(home, port, options, env,
                    RealmFiles.REALM, home.getParent().resolve("keycloak-bench.log"))) {
                System.out.printf("Keycloak ready after %.1f s (including re-augmentation when needed)%n", (System.nanoTime() - t0) / 1e9);
                Benchmark bench = new Benchmark(new AdminClient(server.baseUrl()), server.baseUrl(), smtp, server.pid(),
                        postgres == null ? -1 : postgres.port());
                String report = LEAK ? bench.leakRun() : "timing".equals(System.getProperty("einlass.bench.only")) ? bench.timingRun() : bench.run();
                System.out.println(report);
                Files.writeString(home.getParent().resolve((LEAK ? "benchmark-leak" : System.getProperty("einlass.bench.only") != null
                        ? "benchmark-" + System.getProperty("einlass.bench.only") : "benchmark") + (SMOKE ? "-smoke.md" : ".md")), report);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private String leakRun() throws Exception {
        setUp();
        // every scenario once first: a failing one stops the run before any measurement
        magicLink("portal-passwordless").logout();
        builtinPassword("bench").logout();
        einlassPassword("otp", true).logout();
        return leakCheck(LEAK_SIGNINS, LEAK_IDLE_SECONDS);
    }

    private String run() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        setUp();
        Map<String, Step> scenarios = new LinkedHashMap<>();
        scenarios.put(PW_DEFAULT, () -> builtinPassword("portal"));
        scenarios.put(FLOOR_PBKDF2, () -> builtinPassword("bench"));
        scenarios.put(FLOOR_USERNAME, () -> usernameOnly("bench"));
        scenarios.put(BUILTIN_OTP, () -> builtinPasswordOtp("bench"));
        scenarios.put(MAGIC, () -> magicLink("portal-passwordless"));
        scenarios.put(MAGIC_MAIN, () -> magicLink("portal-app"));
        scenarios.put(PW_ONLY, () -> einlassPassword("pw-only", false));
        scenarios.put(TRUSTED, () -> einlassPassword("trusted", false));
        scenarios.put(OTP, () -> einlassPassword("otp", true));
        // every scenario once first: a failing one stops the run before any measurement
        for (Map.Entry<String, Step> scenario : scenarios.entrySet()) {
            try {
                scenario.getValue().run();
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException("scenario failed: " + scenario.getKey(), e);
            }
            System.out.println("ok: " + scenario.getKey());
        }
        // warm the JIT on every path first, so no scenario profits from running later
        for (Map.Entry<String, Step> scenario : scenarios.entrySet()) {
            System.out.println("warming up: " + scenario.getKey());
            for (int i = 0; i < WARMUP; i++) {
                scenario.getValue().run();
            }
        }
        // measure in interleaved passes, so drift of a noisy machine spreads over all scenarios alike
        Map<String, Long> cpuMillis = new LinkedHashMap<>();
        Map<String, Long> dbMillis = new LinkedHashMap<>();
        int perPass = Math.max(1, ROUNDS / PASSES);
        for (int pass = 0; pass < PASSES; pass++) {
            System.out.println("pass " + (pass + 1) + " of " + PASSES);
            for (Map.Entry<String, Step> scenario : scenarios.entrySet()) {
                long before = serverCpuMillis();
                long dbBefore = postgresCpuMillis();
                for (int i = 0; i < perPass; i++) {
                    scenario.getValue().run();
                }
                cpuMillis.merge(scenario.getKey(), serverCpuMillis() - before, Long::sum);
                dbMillis.merge(scenario.getKey(), postgresCpuMillis() - dbBefore, Long::sum);
            }
        }
        int measured = perPass * PASSES;
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> db = new LinkedHashMap<>();
        for (String name : scenarios.keySet()) {
            cpu.put(name, cpuMillis.get(name) / (double) measured);
            db.put(name, dbMillis.get(name) / (double) measured);
            System.out.printf("%-80s %6.1f ms CPU/login, database %5.1f ms%n", name, cpu.get(name), db.get(name));
        }
        double pwDefault = cpu.get(PW_DEFAULT);
        double floorA = cpu.get(FLOOR_PBKDF2);
        double floorB = cpu.get(FLOOR_USERNAME);
        double magic = cpu.get(MAGIC);
        double magicMain = cpu.get(MAGIC_MAIN);
        double pwOnly = cpu.get(PW_ONLY);
        double trusted = cpu.get(TRUSTED);
        double otp = cpu.get(OTP);
        double builtinOtp = cpu.get(BUILTIN_OTP);
        boolean withDb = postgresPort > 0;

        System.out.println("throughput ...");
        double pwRate = throughput(() -> builtinPassword("portal"));
        double magicRate = throughput(() -> magicLink("portal-passwordless"));
        System.out.println("profile ...");
        Profile profile = profile(() -> magicLink("portal-passwordless"));
        Profile[] compared = interleavedProfiles(List.of(() -> einlassPassword("pw-only", false), () -> einlassPassword("trusted", false),
                () -> einlassPassword("otp", true)), List.of("password-only", "password-trusted", "password-code"), COMPARE_ROUNDS);
        Profile pwOnlyProfile = compared[0];
        Profile trustedProfile = compared[1];
        Profile otpProfile = compared[2];
        long rss = currentRssMiB();
        System.out.println("request-step timing ...");
        Timing timing = requestTiming();

        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Run: %s, Keycloak %s, database %s, load average at start %s, %d measured rounds per scenario "
                        + "(%d interleaved passes) after %d warm-up%s.%n%n",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                System.getProperty("einlass.keycloak.version", "?"), withDb ? "PostgreSQL 15 (loopback)" : "H2 in memory",
                load, measured, PASSES, WARMUP, SMOKE ? " (SMOKE RUN: figures not meaningful)" : ""));
        sb.append("| Scenario | Keycloak CPU per login (ms) | database CPU per login (ms) | Keycloak + database (ms) | vs floor A (PBKDF2-1) | vs floor B (username only) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (String name : scenarios.keySet()) {
            double c = cpu.get(name);
            double d = db.get(name);
            sb.append(String.format("| %s | %.1f | %s | %s | %.2f x | %.2f x |%n", name, c,
                    withDb ? String.format("%.1f", d) : "-", withDb ? String.format("%.1f", c + d) : "-", c / floorA, c / floorB));
        }
        sb.append("\n| Throughput (").append(CONCURRENCY).append(" concurrent clients, same 2 cores as the server) | logins/s |\n|---|---:|\n");
        sb.append(String.format("| Keycloak password login, default hashing | %.1f |%n", pwRate));
        sb.append(String.format("| Einlass magic-link login | %.1f |%n", magicRate));
        if (SMOKE) {
            // the smoke run checks that every scenario completes (it would have thrown otherwise), not the targets
            sb.append(String.format("%nSmoke run: all %d scenarios, throughput, the profile (%d samples) and %d request-step samples "
                    + "per side completed.%n", scenarios.size(), profile.samples(), timing.samples));
            System.out.println("leak check (smoke) ...");
            sb.append(leakCheck(LEAK_SIGNINS, LEAK_IDLE_SECONDS));
            return sb.toString();
        }
        sb.append("\n| Target | measured | target | met |\n|---|---:|---:|:---:|\n");
        sb.append(check("magic-link Keycloak CPU / floor A (PBKDF2-1)", String.format("%.2f (main flow %.2f)", magic / floorA, magicMain / floorA),
                "<= 1.5", magic / floorA <= 1.5));
        sb.append(check("magic-link Keycloak CPU / floor B (username only)", String.format("%.2f (main flow %.2f)", magic / floorB, magicMain / floorB),
                "(reported)", null));
        sb.append(check("magic-link logins per CPU-second / default-hashing password login (Keycloak CPU)",
                String.format("%.2f", pwDefault / magic), ">= 4", pwDefault / magic >= 4));
        if (withDb) {
            double ratio = (pwDefault + db.get(PW_DEFAULT)) / (magic + db.get(MAGIC));
            sb.append(check("the same, Keycloak + database CPU", String.format("%.2f", ratio), ">= 4", ratio >= 4));
        }
        sb.append(check("magic-link logins/s / password logins/s (4 clients)", String.format("%.2f", magicRate / pwRate), ">= 4",
                magicRate / pwRate >= 4));
        sb.append(check("trusted-browser skip / password-only (Keycloak CPU)", String.format("%.3f (%.1f / %.1f ms)", trusted / pwOnly, trusted, pwOnly),
                "<= 1.05", trusted / pwOnly <= 1.05));
        sb.append(check("password + code minus password-only (Keycloak CPU)", String.format("%+.1f ms", otp - pwOnly), "<= +1.5 ms",
                otp - pwOnly <= 1.5));
        sb.append(check("the same step in Keycloak's built-in browser flow: password + OTP minus floor A", String.format("%+.1f ms", builtinOtp - floorA),
                "(reference)", null));
        double medRatio = timing.unknownMedian / timing.knownMedian;
        double p25Ratio = timing.unknownP25 / timing.knownP25;
        sb.append(check("request step unknown / known, median (" + timing.samples + " samples per side, SMTP answering after 500 ms)",
                String.format("%.3f (%.2f / %.2f ms)", medRatio, timing.unknownMedian, timing.knownMedian), "0.97-1.03",
                medRatio >= 0.97 && medRatio <= 1.03));
        sb.append(check("request step unknown / known, 25th percentile",
                String.format("%.3f (%.2f / %.2f ms)", p25Ratio, timing.unknownP25, timing.knownP25), "0.97-1.03",
                p25Ratio >= 0.97 && p25Ratio <= 1.03));
        sb.append(String.format("%nResident memory of the Keycloak JVM after the measured passes, throughput and profile: %d MiB "
                + "(peak %d MiB; heap 512 MiB - 1 GiB).%n", rss, peakRssMiB()));
        sb.append("\n").append(profile.markdown());
        sb.append("\n").append(compare(pwOnlyProfile, trustedProfile, otpProfile));
        return sb.toString();
    }

    private static String check(String name, String measured, String target, Boolean met) {
        return "| " + name + " | " + measured + " | " + target + " | " + (met == null ? "-" : met ? "met" : "**not met**") + " |\n";
    }

    // --- set-up -----------------------------------------------------------------------------------------------

    private void setUp() {
        // a second realm with the same Einlass configuration and cheap password hashing (the cost floor)
        ObjectNode export = (ObjectNode) admin.post("/realms/portal/partial-export?exportClients=true&exportGroupsAndRoles=false", null);
        export.put("realm", "bench");
        export.remove("id");
        // Keycloak's hashIterations(1) alone keeps Argon2 (7 MiB per hash): not a floor
        export.put("passwordPolicy", FLOOR_POLICY);
        export.put("otpPolicyCodeReusable", true);
        export.put("bruteForceProtected", false);
        stripIds(export);
        // flow ids are re-created on import: drop the client's flow override (the benchmark uses portal-app only)
        for (JsonNode client : export.path("clients")) {
            ((ObjectNode) client).remove("authenticationFlowBindingOverrides");
        }
        admin.post("/realms", export);
        for (String realm : List.of("portal", "bench")) {
            bindClient(realm, "bench-builtin", flowId(realm, "browser"));
            for (String flow : List.of("einlass first factor", "einlass email sign-in")) {
                ExecutionConfig.change(admin, realm, flow, "einlass-magic-link", Map.of(
                        "einlass.magic-link.limit-per-address", "100", "einlass.magic-link.limit-per-ip", "1000000"));
            }
            ObjectNode rep = (ObjectNode) admin.get("/realms/" + realm);
            rep.put("bruteForceProtected", false);
            // the OTP scenario signs in many times within one 30-second window with the same code
            rep.put("otpPolicyCodeReusable", true);
            admin.put("/realms/" + realm, rep);
        }
        // floor B: a flow with only Keycloak's "Username Form" (no credential checked, nothing hashed)
        ObjectNode flow = Json.MAPPER.createObjectNode();
        flow.put("alias", "bench username only").put("providerId", "basic-flow").put("topLevel", true).put("builtIn", false)
                .put("description", "benchmark floor: username form only");
        admin.post("/realms/bench/authentication/flows", flow);
        String executions = "/realms/bench/authentication/flows/" + Urls.encode("bench username only").replace("+", "%20") + "/executions";
        admin.post(executions + "/execution", Json.MAPPER.createObjectNode().put("provider", "auth-username-form"));
        for (JsonNode execution : admin.get(executions)) {
            ObjectNode change = (ObjectNode) execution;
            change.put("requirement", "REQUIRED");
            admin.put(executions, change);
        }
        bindClient("bench", "bench-username", flowId("bench", "bench username only"));

        for (String realm : List.of("portal", "bench")) {
            admin.createUser(realm, "pw@bench.example", "Bench-Password-1", Map.of());
            admin.createUser(realm, "pw-only@bench.example", "Bench-Password-1", Map.of());
            for (int i = 0; i < LINK_USERS; i++) {
                admin.createUser(realm, "link" + i + "@bench.example", null, Map.of());
            }
            createOtpUser(realm, "trusted@bench.example");
            createOtpUser(realm, "otp@bench.example");
        }
        String policy = admin.get("/realms/bench").path("passwordPolicy").asText();
        if (!FLOOR_POLICY.equals(policy)) {
            throw new IllegalStateException("floor realm has password policy " + policy);
        }
    }

    private String flowId(String realm, String alias) {
        for (JsonNode flow : admin.get("/realms/" + realm + "/authentication/flows")) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.path("id").asText();
            }
        }
        throw new IllegalStateException("no flow " + alias + " in " + realm);
    }

    private void bindClient(String realm, String clientId, String browserFlowId) {
        ObjectNode client = Json.MAPPER.createObjectNode();
        client.put("clientId", clientId).put("publicClient", true).put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add("http://localhost:3000/*");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        client.putObject("authenticationFlowBindingOverrides").put("browser", browserFlowId);
        admin.post("/realms/" + realm + "/clients", client);
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
    private static final int LINK_USERS = 200;
    private final AtomicInteger nextLinkUser = new AtomicInteger();
    private final Map<String, Browser> trustedBrowsers = new ConcurrentHashMap<>();

    /** A finished sign-in: the app and its tokens (the leak check signs out with them). */
    private record SignedIn(OidcApp app, Tokens tokens) {
        void logout() {
            app.logout(tokens);
        }
    }

    private SignedIn builtinPassword(String realm) {
        Browser browser = new Browser(base);
        OidcApp app = new OidcApp(base, realm, "bench-builtin", APP_REDIRECT);
        OidcApp.Login login = app.login();
        Page page = browser.open(login.url());
        Page back = page.form("#kc-form-login").set("username", "pw@bench.example").set("password", "Bench-Password-1").submit();
        return new SignedIn(app, login.complete(back));
    }

    /** Keycloak's own browser flow for a user with an authenticator app: password page, then its OTP page. */
    private SignedIn builtinPasswordOtp(String realm) {
        Browser browser = new Browser(base);
        OidcApp app = new OidcApp(base, realm, "bench-builtin", APP_REDIRECT);
        OidcApp.Login login = app.login();
        Page page = browser.open(login.url());
        Page otp = page.form("#kc-form-login").set("username", "otp@bench.example").set("password", "Bench-Password-1").submit();
        return new SignedIn(app, login.complete(otp.form("#kc-otp-login-form").set("otp", Totp.now(OTP_SECRET)).submit()));
    }

    private SignedIn usernameOnly(String realm) {
        Browser browser = new Browser(base);
        OidcApp app = new OidcApp(base, realm, "bench-username", APP_REDIRECT);
        OidcApp.Login login = app.login();
        Page page = browser.open(login.url());
        return new SignedIn(app, login.complete(page.form("#kc-form-login").set("username", "pw@bench.example").submit()));
    }

    private SignedIn magicLink(String clientId) throws InterruptedException {
        String email = "link" + (nextLinkUser.getAndIncrement() % LINK_USERS) + "@bench.example";
        Browser browser = new Browser(base);
        OidcApp app = new OidcApp(base, "portal", clientId, APP_REDIRECT);
        OidcApp.Login login = app.login();
        SignIn.requestLink(browser, login, email);
        String link = smtp.nextLink(email);
        return new SignedIn(app, login.complete(SignIn.openAndConfirm(browser, link)));
    }

    private SignedIn einlassPassword(String who, boolean code) {
        String email = who + "@bench.example";
        OidcApp app = new OidcApp(base, "bench", "portal-app", APP_REDIRECT);
        OidcApp.Login login = app.login();
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
        } else if (page.has("#kc-otp-login-form")) {
            throw new AssertionError("the trusted browser was asked for a code");
        }
        return new SignedIn(app, login.complete(page));
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
        int total = CONCURRENCY * Math.max(SMOKE ? 2 : 10, ROUNDS / CONCURRENCY);
        long start = System.nanoTime();
        concurrently(total, i -> step.run());
        double seconds = (System.nanoTime() - start) / 1e9;
        return total / seconds;
    }

    interface NumberedStep {
        void run(int i) throws Exception;
    }

    /** {@code total} runs of {@code step} (numbered 0 ..), shared by {@link #CONCURRENCY} clients. */
    private static void concurrently(int total, NumberedStep step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            tasks.add(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            // also on failure: exec:java waits for non-daemon threads, a live pool would keep Maven from exiting
            pool.shutdownNow();
        }
    }

    // --- leak check -------------------------------------------------------------------------------------------

    /**
     * Heap after GC and RSS over many sign-ins, each signed out again (so Keycloak's user sessions do not pile up:
     * the check is for what a finished sign-in leaves behind). Link validity and the limits' windows are set to
     * their minimum (1 minute), so the state Einlass keeps on purpose for a time (used links, rate-limit slots in
     * Keycloak's single-use store) reaches its steady level within the run; the last snapshot comes after the
     * server sat idle until all of it expired.
     */
    private String leakCheck(int signIns, long idleSeconds) throws Exception {
        for (String realm : List.of("portal", "bench")) {
            for (String flow : List.of("einlass first factor", "einlass email sign-in")) {
                ExecutionConfig.change(admin, realm, flow, "einlass-magic-link", Map.of(
                        "einlass.magic-link.validity-minutes", "1",
                        "einlass.magic-link.limit-per-address-window-minutes", "1",
                        "einlass.magic-link.limit-per-ip-window-minutes", "1"));
            }
        }
        List<Step> einlass = List.of(() -> magicLink("portal-passwordless").logout(), () -> magicLink("portal-app").logout(),
                () -> einlassPassword("pw-only", false).logout(), () -> einlassPassword("trusted", false).logout(),
                () -> einlassPassword("otp", true).logout());
        int builtin = Math.min(1000, signIns);
        int magicFirst = Math.min(1000, Math.max(1, signIns / 3));
        HeapProbe probe = new HeapProbe(keycloakJvmPid());
        List<HeapProbe.Snapshot> snaps = new ArrayList<>();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        long start = System.nanoTime();
        snaps.add(probe.take("set-up done, before the counted sign-ins", 0));
        concurrently(builtin, i -> builtinPassword("bench").logout());
        snaps.add(probe.take(String.format("after %,d sign-ins through Keycloak's built-in browser flow (floor A)", builtin), 0));
        concurrently(magicFirst, i -> magicLink("portal-passwordless").logout());
        HeapProbe.Snapshot afterMagic = probe.take(String.format("then %,d magic-link sign-ins (email-only client)", magicFirst), magicFirst);
        snaps.add(afterMagic);
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        HeapProbe.Snapshot idleEarly = probe.take(String.format("%d s idle (used links and 1-minute limit slots expired)", idleSeconds), magicFirst);
        snaps.add(idleEarly);
        int done = magicFirst;
        int chunks = 5;
        HeapProbe.Snapshot firstBusy = null;
        HeapProbe.Snapshot lastBusy = afterMagic;
        for (int c = 1; c <= chunks && done < signIns; c++) {
            int until = magicFirst + (int) ((long) (signIns - magicFirst) * c / chunks);
            int from = done;
            concurrently(until - from, i -> einlass.get((from + i) % einlass.size()).run());
            done = until;
            lastBusy = probe.take(String.format("%,d Einlass sign-ins (then the five Einlass scenarios in turn)", done), done);
            firstBusy = firstBusy == null ? lastBusy : firstBusy;
            snaps.add(lastBusy);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        HeapProbe.Snapshot idle = probe.take(String.format("%d s idle again", idleSeconds), done);
        snaps.add(idle);
        double minutes = (System.nanoTime() - start) / 60e9;

        HeapProbe.Snapshot afterBuiltin = snaps.get(1);
        firstBusy = firstBusy == null ? afterMagic : firstBusy;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n### Leak check: %,d Einlass sign-ins, each signed out (%.1f min, load average at start %s)%n%n",
                done, minutes, load));
        sb.append("| after | Einlass sign-ins | heap used after full GC (MiB) | RSS (MiB) |\n|---|---:|---:|---:|\n");
        for (HeapProbe.Snapshot snap : snaps) {
            sb.append(String.format("| %s | %,d | %.1f | %d |%n", snap.label(), snap.signIns(), snap.heapMiB(), snap.rssMiB()));
        }
        int between = idle.signIns() - idleEarly.signIns();
        double perSignIn = between > 0 ? (idle.heapMiB() - idleEarly.heapMiB()) * 1024 * 1024 / between : Double.NaN;
        // A leak is what stays once the state kept on purpose for a while has expired: the two idle snapshots, the
        // second after nine times as many sign-ins. Less than 1 MiB (about 100 bytes per sign-in), and no Einlass
        // class among the live objects that grew.
        boolean einlassGrew = HeapProbe.grown(idleEarly, idle).stream().anyMatch(c -> c.startsWith("io.einlass."));
        sb.append(String.format("%n| Target | measured | target | met |%n|---|---:|---:|:---:|%n"));
        sb.append(check(String.format("RSS added by %,d magic-link sign-ins (after %,d built-in ones)", magicFirst, builtin),
                String.format("%+d MiB (heap after GC %+.1f MiB)", afterMagic.rssMiB() - afterBuiltin.rssMiB(),
                        afterMagic.heapMiB() - afterBuiltin.heapMiB()), "< 50 MB",
                SMOKE ? null : afterMagic.rssMiB() - afterBuiltin.rssMiB() < 50 * 1000 * 1000 / (1024 * 1024)));
        sb.append(check(String.format("heap after GC, idle after %,d against idle after %,d Einlass sign-ins", idle.signIns(), idleEarly.signIns()),
                String.format("%+.1f MiB (%+.0f bytes per sign-in)", idle.heapMiB() - idleEarly.heapMiB(), perSignIn),
                "< 1 MiB, no Einlass class grown", SMOKE ? null : idle.heapMiB() - idleEarly.heapMiB() < 1 && !einlassGrew));
        sb.append(check(String.format("heap after GC while busy, %,d against %,d Einlass sign-ins", lastBusy.signIns(), firstBusy.signIns()),
                String.format("%+.1f MiB", lastBusy.heapMiB() - firstBusy.heapMiB()), "(reported: includes the entries alive)", null));
        sb.append(String.format("%nEinlass classes among the live objects that grew between the idle snapshots: %s.%n",
                einlassGrew ? "**yes**, see below" : "none"));
        sb.append(String.format("%nLive objects that grew most between the idle snapshots (GC.class_histogram):%n%n"));
        sb.append(HeapProbe.growth(idleEarly, idle, 12));
        sb.append(String.format("%nWhile busy, %,d against %,d Einlass sign-ins (what is alive depends on the last minute's rate):%n%n",
                lastBusy.signIns(), firstBusy.signIns()));
        sb.append(HeapProbe.growth(firstBusy, lastBusy, 12));
        return sb.toString();
    }

    private record Timing(int samples, double knownMedian, double unknownMedian, double knownP25, double unknownP25) {
    }

    /** The request step (email, then "email me a link") with a slow SMTP server, known and unknown interleaved. */
    private Timing requestTiming() throws Exception {
        return requestTiming(false, false);
    }

    /**
     * {@code unknownFirst}: each pair starts with the unknown address (order check); {@code bothKnown}: the
     * "unknown" side uses other known addresses (A/A check: what the method reports for two sides that do not differ).
     */
    private Timing requestTiming(boolean unknownFirst, boolean bothKnown) throws Exception {
        smtp.delay(500);
        List<Double> known = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        int warm = 20;
        for (int i = 0; i < 2 * (TIMING_SAMPLES + warm); i++) {
            boolean isKnown = (i % 2 == 0) != unknownFirst;
            int pair = i / 2;
            double ms = isKnown ? requestStep(true, 2 * (pair % (LINK_USERS / 2)))
                    : bothKnown ? requestStep(true, 2 * (LINK_USERS / 2 + pair % (LINK_USERS / 2))) : requestStep(false, i);
            if (i >= 2 * warm) {
                (isKnown ? known : unknown).add(ms);
            }
        }
        smtp.delay(0);
        Thread.sleep(2000); // mails still in the slow SMTP conversation
        smtp.drain();
        return new Timing(known.size(), quantile(known, 0.5), quantile(unknown, 0.5), quantile(known, 0.25), quantile(unknown, 0.25));
    }

    private final AtomicInteger nextUnknown = new AtomicInteger();

    /** One request step (email page, then "email me a link") for a known or a fresh unknown address; its ms. */
    private double requestStep(boolean isKnown, int i) {
        String email = isKnown ? "link" + ((i / 2) % LINK_USERS) + "@bench.example" : "nobody" + nextUnknown.getAndIncrement() + "@bench.example";
        Browser browser = new Browser(base);
        Page emailPage = SignIn.start(browser, new OidcApp(base, "portal", "portal-passwordless", APP_REDIRECT).login());
        long start = System.nanoTime();
        Page waiting = SignIn.requestLink(browser, null, email, emailPage);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!waiting.has("#einlass-magic-link")) {
            throw new AssertionError("request step did not show the waiting page for " + (isKnown ? "a known" : "an unknown") + " address");
        }
        return ms;
    }

    /**
     * {@code -Deinlass.bench.only=timing}: only the request-step timing (after the magic-link warm-up), three times:
     * as in the benchmark, with each pair started by the unknown address (order check), and known against other known
     * addresses (A/A check: the method's own spread).
     */
    private String timingRun() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        setUp();
        System.out.println("warming up ...");
        for (int i = 0; i < WARMUP; i++) {
            magicLink("portal-passwordless");
            requestStep(false, i);
        }
        System.out.println("request-step timing ...");
        Timing timing = requestTiming();
        System.out.println("request-step timing, unknown first ...");
        Timing swapped = requestTiming(true, false);
        System.out.println("request-step timing, known against other known addresses ...");
        Timing aa = requestTiming(false, true);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Timing run: %s, load average at start %s, %d warm-up sign-ins.%n%n",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), load, WARMUP));
        sb.append(String.format("| request step (%d samples per side, interleaved, SMTP answering after 500 ms) | known (ms) | unknown (ms) | unknown / known |%n"
                + "|---|---:|---:|---:|%n", timing.samples));
        sb.append(String.format("| median | %.2f | %.2f | %.3f |%n", timing.knownMedian, timing.unknownMedian, timing.unknownMedian / timing.knownMedian));
        sb.append(String.format("| 25th percentile | %.2f | %.2f | %.3f |%n", timing.knownP25, timing.unknownP25, timing.unknownP25 / timing.knownP25));
        sb.append(String.format("| median, each pair started with the unknown address | %.2f | %.2f | %.3f |%n", swapped.knownMedian, swapped.unknownMedian,
                swapped.unknownMedian / swapped.knownMedian));
        sb.append(String.format("| 25th percentile, the same | %.2f | %.2f | %.3f |%n", swapped.knownP25, swapped.unknownP25, swapped.unknownP25 / swapped.knownP25));
        sb.append(String.format("| A/A: median, known against other known addresses | %.2f | %.2f | %.3f |%n", aa.knownMedian, aa.unknownMedian,
                aa.unknownMedian / aa.knownMedian));
        sb.append(String.format("| A/A: 25th percentile | %.2f | %.2f | %.3f |%n", aa.knownP25, aa.unknownP25, aa.unknownP25 / aa.knownP25));
        return sb.toString();
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    // --- profile (Java Flight Recorder of the Keycloak JVM) ---------------------------------------------------

    private static final String[][] CATEGORIES = {
            {"Einlass code (any io.einlass frame)", "io.einlass."},
            {"FreeMarker (pages and mails)", "freemarker."},
            {"Keycloak login pages (FreeMarkerLoginFormsProvider)", "org.keycloak.forms.login.freemarker."},
            {"Keycloak email templates (org.keycloak.email)", "org.keycloak.email."},
            {"Mail sending (jakarta.mail / Angus)", "jakarta.mail.", "org.eclipse.angus.mail.", "com.sun.mail."},
            {"Hibernate / JPA", "org.hibernate."},
            {"PostgreSQL JDBC driver", "org.postgresql."},
            {"H2", "org.h2."},
            {"Agroal connection pool", "io.agroal."},
            {"Event store (org.keycloak.events, JPA event store)", "org.keycloak.events."},
            {"Infinispan (sessions, caches)", "org.infinispan."},
            {"Token signing and crypto (org.keycloak.jose, JCA)", "org.keycloak.jose.", "org.keycloak.crypto.", "sun.security.", "java.security.", "javax.crypto."},
            {"Jackson JSON", "com.fasterxml.jackson."},
            {"HTTP: authorization endpoint (GET /auth)", "*AuthorizationEndpoint."},
            {"HTTP: login actions (form posts of the flow)", "*LoginActionsService."},
            {"HTTP: Einlass magic-link resource (landing, confirm)", "*magiclink.MagicLinkResource"},
            {"HTTP: token endpoint (code exchange)", "*oidc.endpoints.TokenEndpoint."},
            {"Rendering a login page (FreeMarkerLoginFormsProvider.createForm)", "*FreeMarkerLoginFormsProvider.createForm"},
            {"Theme messages copied per render (getEnhancedMessages, MessageFormatterMethod)", "*ExtendingTheme.getEnhancedMessages",
                    "*MessageFormatterMethod.<init>"},
            {"Events (EventBuilder)", "org.keycloak.events.EventBuilder."},
            {"Transaction commit", "*Transaction.commit", "*TransactionManager.commit", "*TransactionImple.commit"},
            {"Realm keys (DefaultKeyManager, key providers created per request)", "org.keycloak.keys."},
            {"Mail session per mail (jakarta.mail.Session)", "jakarta.mail.Session."},
            {"Logging (jboss-logging / logmanager)", "org.jboss.logging.", "org.jboss.logmanager."},
    };

    /**
     * One recording's tables, and for comparisons its counts: samples per category and, per method, the samples
     * with that method anywhere on the stack.
     */
    private record Profile(int samples, int rounds, String markdown, Map<String, Integer> categories, Map<String, Integer> inclusive) {
        double perHundred(int count) {
            return 100.0 * count / rounds;
        }

        /** Two recordings of the same scenario added up (the tables are the first's). */
        Profile plus(Profile other) {
            Map<String, Integer> c = new LinkedHashMap<>(categories);
            other.categories.forEach((k, v) -> c.merge(k, v, Integer::sum));
            Map<String, Integer> m = new HashMap<>(inclusive);
            other.inclusive.forEach((k, v) -> m.merge(k, v, Integer::sum));
            return new Profile(samples + other.samples, rounds + other.rounds, markdown, c, m);
        }
    }

    private Profile profile(Step step) throws Exception {
        return profile(step, "magic-link", PROFILE_ROUNDS);
    }

    private Profile profile(Step step, String name, int rounds) throws Exception {
        return profile(step, name, rounds, false);
    }

    /** {@code everyMillisecond}: Java methods sampled every 1 ms instead of the profile settings' 10 ms. */
    private Profile profile(Step step, String name, int rounds, boolean everyMillisecond) throws Exception {
        long jvm = keycloakJvmPid();
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path target = Path.of(System.getProperty("einlass.keycloak.home", "target")).getParent();
        Path file = target.resolve(name + (SMOKE ? "-smoke.jfr" : ".jfr"));
        Files.deleteIfExists(file);
        String settings = "profile";
        if (everyMillisecond) {
            Path jfc = target.resolve("einlass-1ms.jfc");
            String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
            Files.writeString(jfc, profile.replace("<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
                    "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
            settings = jfc.toString();
        }
        exec(bin.resolve("jcmd").toString(), String.valueOf(jvm), "JFR.start", "name=einlass", "settings=" + settings, "filename=" + file);
        try {
            for (int i = 0; i < rounds; i++) {
                step.run();
            }
            Thread.sleep(500); // the mail sender thread finishes the last mail
        } finally {
            exec(bin.resolve("jcmd").toString(), String.valueOf(jvm), "JFR.stop", "name=einlass");
        }
        return analyze(file, rounds);
    }

    /**
     * Profiles of several scenarios to compare: each recorded in {@value #COMPARE_CHUNKS} parts, the scenarios in
     * turn, every part its own recording with Java methods sampled every 1 ms, then added up per scenario. (One
     * recording after the other favoured none evenly: the first of three had about 20 % more samples.)
     */
    private Profile[] interleavedProfiles(List<Step> steps, List<String> names, int rounds) throws Exception {
        Profile[] sums = new Profile[steps.size()];
        int per = Math.max(1, rounds / COMPARE_CHUNKS);
        for (int chunk = 0; chunk < COMPARE_CHUNKS; chunk++) {
            for (int k = 0; k < steps.size(); k++) {
                Profile part = profile(steps.get(k), names.get(k) + "-" + chunk, per, true);
                sums[k] = sums[k] == null ? part : sums[k].plus(part);
            }
        }
        return sums;
    }

    private static final int COMPARE_CHUNKS = 4;

    /**
     * Where the password + trusted-browser and the password + code sign-ins spend more than the password-only one:
     * the three recorded alike, compared per 100 sign-ins by category and by method (inclusive samples).
     */
    private static String compare(Profile pwOnly, Profile trusted, Profile otp) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("### Profiles of the password scenarios (JFR every 1 ms, %d sign-ins each in %d interleaved recordings; samples per 100 sign-ins)%n%n",
                pwOnly.rounds(), COMPARE_CHUNKS));
        sb.append(String.format("| on the stack | password-only | trusted browser | password + code | trusted - password-only | code - password-only |%n"
                + "|---|---:|---:|---:|---:|---:|%n"));
        sb.append(compareRow("all samples", pwOnly.perHundred(pwOnly.samples()), trusted.perHundred(trusted.samples()),
                otp.perHundred(otp.samples())));
        for (String category : pwOnly.categories().keySet()) {
            sb.append(compareRow(category, pwOnly.perHundred(pwOnly.categories().get(category)),
                    trusted.perHundred(trusted.categories().getOrDefault(category, 0)), otp.perHundred(otp.categories().getOrDefault(category, 0))));
        }
        for (Profile other : List.of(trusted, otp)) {
            sb.append(String.format("%nMethods with the most samples more than password-only in the %s sign-in (inclusive, per 100 sign-ins):%n%n"
                    + "| # | method | password-only | %s | difference |%n|---:|---|---:|---:|---:|%n",
                    other == trusted ? "trusted-browser" : "password + code", other == trusted ? "trusted" : "code"));
            List<Map.Entry<String, Double>> top = other.inclusive().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), other.perHundred(e.getValue()) - pwOnly.perHundred(pwOnly.inclusive().getOrDefault(e.getKey(), 0))))
                    .filter(e -> !e.getKey().matches("^(java|javax|jdk|sun)\\..*"))
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15).toList();
            int rank = 1;
            for (Map.Entry<String, Double> e : top) {
                sb.append(String.format("| %d | `%s` | %.1f | %.1f | %+.1f |%n", rank++, e.getKey().replace("|", "\\|"),
                        pwOnly.perHundred(pwOnly.inclusive().getOrDefault(e.getKey(), 0)), other.perHundred(other.inclusive().get(e.getKey())),
                        e.getValue()));
            }
        }
        return sb.toString();
    }

    private static String compareRow(String name, double pwOnly, double trusted, double otp) {
        return String.format("| %s | %.1f | %.1f | %.1f | %+.1f | %+.1f |%n", name, pwOnly, trusted, otp, trusted - pwOnly, otp - pwOnly);
    }

    /** The tables of a recording ({@code -Deinlass.bench.analyze=<file.jfr>} re-reads one without a server). */
    static Profile analyze(Path file, int rounds) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        String text = exec(bin.resolve("jfr").toString(), "print", "--stack-depth", "256", "--events", "jdk.ExecutionSample", file.toString());
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> selfApp = new HashMap<>();
        Map<String, Integer> einlass = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> categories = new LinkedHashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        List<String> frames = new ArrayList<>();
        String thread = "?";
        boolean inStack = false;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("sampledThread = ")) {
                int q = line.indexOf('"');
                int q2 = line.indexOf('"', q + 1);
                thread = q >= 0 && q2 > q ? line.substring(q + 1, q2).replaceAll("\\d+", "N") : "?";
            } else if (line.startsWith("stackTrace = [")) {
                inStack = true;
                frames.clear();
            } else if (inStack && line.equals("]")) {
                inStack = false;
                samples++;
                threads.merge(thread, 1, Integer::sum);
                if (!frames.isEmpty()) {
                    self.merge(frames.get(0), 1, Integer::sum);
                    selfApp.merge(frames.stream().filter(f -> !f.matches("^(java|javax|jdk|sun)\\..*")).findFirst()
                            .orElse(frames.get(frames.size() - 1)), 1, Integer::sum);
                }
                frames.stream().filter(f -> f.startsWith("io.einlass.")).distinct().forEach(f -> einlass.merge(f, 1, Integer::sum));
                frames.stream().distinct().forEach(f -> inclusive.merge(f, 1, Integer::sum));
                for (String[] category : CATEGORIES) {
                    boolean hit = false;
                    for (String f : frames) {
                        for (int c = 1; c < category.length && !hit; c++) {
                            hit = category[c].startsWith("*") ? f.contains(category[c].substring(1)) : f.startsWith(category[c]);
                        }
                    }
                    categories.merge(category[0], hit ? 1 : 0, Integer::sum);
                }
            } else if (inStack && !line.isEmpty() && !line.equals("...")) {
                int end = line.indexOf(" line:");
                frames.add(end > 0 ? line.substring(0, end) : line);
            }
        }
        if (samples == 0) {
            throw new IllegalStateException("the JFR recording has no execution samples: " + file);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("### Profile of %s (JFR, settings=profile, %d sign-ins, %d execution samples of the Keycloak JVM)%n%n",
                file.getFileName(), rounds, samples));
        sb.append("Top 15 methods by samples on top of the stack (self time):\n\n| # | method | samples | share |\n|---:|---|---:|---:|\n");
        appendTop(sb, self, samples, 15);
        sb.append("\nTop 15 by the first frame outside the JDK (self time of the JDK code it calls added to it):\n\n"
                + "| # | method | samples | share |\n|---:|---|---:|---:|\n");
        appendTop(sb, selfApp, samples, 15);
        sb.append("\nTop Einlass methods (samples with the method anywhere on the stack, i.e. including what it calls):\n\n"
                + "| # | method | samples | share |\n|---:|---|---:|---:|\n");
        appendTop(sb, einlass, samples, 15);
        sb.append("\nShare of samples by what is on the stack (inclusive; a sample can count in several rows):\n\n"
                + "| on the stack | samples | share |\n|---|---:|---:|\n");
        for (Map.Entry<String, Integer> e : categories.entrySet()) {
            sb.append(String.format("| %s | %d | %.1f %% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / samples));
        }
        sb.append("\nSamples by thread (digits folded to N):\n\n| thread | samples | share |\n|---|---:|---:|\n");
        int total = samples;
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(e -> sb.append(String.format("| %s | %d | %.1f %% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / total)));
        return new Profile(samples, rounds, sb.toString(), categories, inclusive);
    }

    private static void appendTop(StringBuilder sb, Map<String, Integer> counts, int samples, int n) {
        List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n).toList();
        int rank = 1;
        for (Map.Entry<String, Integer> e : top) {
            sb.append(String.format("| %d | `%s` | %d | %.1f %% |%n", rank++, e.getKey().replace("|", "\\|"), e.getValue(),
                    100.0 * e.getValue() / samples));
        }
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private long keycloakJvmPid() {
        return ProcessHandle.of(serverPid).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no Keycloak JVM under " + serverPid));
    }

    // --- /proc ------------------------------------------------------------------------------------------------

    private long serverCpuMillis() throws IOException {
        long ticks = 0;
        List<Long> pids = new ArrayList<>();
        pids.add(serverPid);
        ProcessHandle.of(serverPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long pid : pids) {
            long[] t = cpuTicks(pid);
            ticks += t[0] + t[1];
        }
        return ticks * 1000 / 100; // USER_HZ = 100 on Linux
    }

    private long postmasterPid = -1;

    /** utime + stime of this benchmark's PostgreSQL: the postmaster, its children, and children it already reaped. */
    private long postgresCpuMillis() throws IOException {
        if (postgresPort <= 0) {
            return 0;
        }
        if (postmasterPid <= 0) {
            postmasterPid = findPostmaster();
        }
        long[] pm = cpuTicks(postmasterPid);
        long ticks = pm[0] + pm[1] + pm[2] + pm[3];
        List<Long> children = new ArrayList<>();
        ProcessHandle.of(postmasterPid).ifPresent(h -> h.descendants().forEach(d -> children.add(d.pid())));
        for (long pid : children) {
            long[] t = cpuTicks(pid);
            ticks += t[0] + t[1];
        }
        return ticks * 1000 / 100;
    }

    private long findPostmaster() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            String port = String.valueOf(postgresPort);
            for (Path proc : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String[] args = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
                    if (args.length > 0 && args[0].endsWith("/postgres")) {
                        for (int i = 0; i + 1 < args.length; i++) {
                            if (args[i].equals("-p") && args[i + 1].equals(port)) {
                                return Long.parseLong(proc.getFileName().toString());
                            }
                        }
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        throw new IllegalStateException("no postgres process on port " + postgresPort);
    }

    /** utime, stime, cutime, cstime in clock ticks (zeros when the process is gone). */
    private static long[] cpuTicks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException e) {
            return new long[4];
        }
    }

    private long currentRssMiB() throws IOException {
        return status(keycloakJvmPid(), "VmRSS:");
    }

    private long peakRssMiB() throws IOException {
        return status(keycloakJvmPid(), "VmHWM:");
    }

    private static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty("einlass.bench." + name, System.getProperty("bench." + name, String.valueOf(fallback))));
    }
}

package io.einlass.keycloak.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.einlass.keycloak.it.support.DistributionServer;
import io.einlass.keycloak.it.support.Ports;
import io.einlass.keycloak.it.support.RealmFiles;

/**
 * Start-up cost of the bundle: two copies of the distribution, one with {@code providers/einlass-bundle.jar} and
 * one without, each built once ({@code kc.sh build --db=dev-mem --cache=local}) and started {@code N} times with
 * {@code kc.sh start --optimized} (no realm import: the shipped realm needs the bundle). Reports Quarkus' own
 * "started in" figure, the time until {@code /realms/master} answers, and the resident memory of the idle JVM
 * right after start; medians. Run through {@link Benchmark} with {@code -Deinlass.bench.startup=true}.
 */
final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private StartupBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int starts = Integer.getInteger("einlass.bench.starts", 5);
        // -Deinlass.bench.starts=0 -Deinlass.bench.memory-signins=1000: only the memory part
        Path home = RealmFiles.keycloakHome();
        RealmFiles.install(home, RealmFiles.realmDir(), false);
        Path target = home.getParent();
        Map<String, Path> variants = new LinkedHashMap<>();
        variants.put("without the bundle", target.resolve("keycloak-startup-without"));
        variants.put("with the bundle", target.resolve("keycloak-startup-with"));
        for (Map.Entry<String, Path> v : variants.entrySet()) {
            if (!Files.isRegularFile(v.getValue().resolve("bin/kc.sh"))) {
                DistributionServer.copyHome(home, v.getValue());
            }
            Path jar = v.getValue().resolve("providers/einlass-bundle.jar");
            if (v.getKey().startsWith("without")) {
                Files.deleteIfExists(jar);
            } else {
                Files.copy(home.resolve("providers/einlass-bundle.jar"), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("kc.sh build " + v.getKey() + " ...");
            DistributionServer.build(v.getValue(), List.of("--db=dev-mem", "--cache=local"), target.resolve("startup-build.log"));
        }
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        variants.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        // alternate the variants, so drift of the shared machine spreads over both
        for (int i = 0; i < starts; i++) {
            for (Map.Entry<String, Path> v : variants.entrySet()) {
                int port = Ports.free();
                Path log = target.resolve("startup-" + i + ".log");
                Map<String, String> env = new LinkedHashMap<>();
                env.put("EINLASS_PUBLIC_URL", "http://localhost:" + port);
                env.put("JAVA_OPTS_KC_HEAP", "-Xms512m -Xmx1g");
                long t0 = System.nanoTime();
                try (DistributionServer server = DistributionServer.launch(v.getValue(), port, List.of("start", "--optimized",
                        "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + Ports.free(),
                        "--http-enabled=true", "--hostname=http://localhost:" + port, "--log-level=INFO"), env, "master", log)) {
                    double ready = (System.nanoTime() - t0) / 1e9;
                    Matcher m = STARTED.matcher(Files.readString(log));
                    double started = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
                    double rss = rssMiB(server.pid());
                    results.get(v.getKey()).add(new double[] {started, ready, rss});
                    System.out.printf("%s, start %d: started in %.3f s, ready after %.1f s, RSS %.0f MiB%n", v.getKey(), i + 1, started, ready, rss);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        if (starts > 0) {
            sb.append(String.format("Start-up (median of %d starts each, alternating; load average at the end %s)%n%n", starts,
                    Files.readString(Path.of("/proc/loadavg")).trim()));
            sb.append("| Distribution | Quarkus \"started in\" (s) | until /realms/master answers (s, polled every 1 s) | RSS of the idle JVM after start (MiB) |\n|---|---:|---:|---:|\n");
            double[][] medians = new double[2][];
            int idx = 0;
            for (Map.Entry<String, List<double[]>> r : results.entrySet()) {
                double[] med = {median(r.getValue(), 0), median(r.getValue(), 1), median(r.getValue(), 2)};
                medians[idx++] = med;
                sb.append(String.format("| Keycloak %s | %.3f | %.1f | %.0f |%n", r.getKey(), med[0], med[1], med[2]));
            }
            sb.append(String.format("| difference | %+.3f | %+.1f | %+.0f |%n", medians[1][0] - medians[0][0],
                    medians[1][1] - medians[0][1], medians[1][2] - medians[0][2]));
        }
        int signIns = Integer.getInteger("einlass.bench.memory-signins", 1000);
        if (signIns > 0) {
            sb.append(String.format("%nMemory after %d sign-ins (Keycloak's built-in browser flow, password, PBKDF2-1, realm created "
                    + "through the admin API; jcmd GC.run, then heap used and RSS)%n%n", signIns));
            sb.append("| Distribution | heap used after GC (MiB) | RSS (MiB) |\n|---|---:|---:|\n");
            double[][] mem = new double[2][];
            int k = 0;
            for (Map.Entry<String, Path> v : variants.entrySet()) {
                mem[k] = memoryAfterSignIns(v.getValue(), target.resolve("memory-" + k + ".log"), signIns);
                sb.append(String.format("| Keycloak %s | %.0f | %.0f |%n", v.getKey(), mem[k][0], mem[k][1]));
                System.out.printf("%s: heap after GC %.0f MiB, RSS %.0f MiB%n", v.getKey(), mem[k][0], mem[k][1]);
                k++;
            }
            sb.append(String.format("| difference | %+.0f | %+.0f |%n", mem[1][0] - mem[0][0], mem[1][1] - mem[0][1]));
        }
        System.out.println(sb);
        Files.writeString(target.resolve("benchmark-startup.md"), sb.toString());
    }

    private static double[] memoryAfterSignIns(Path home, Path log, int signIns) throws Exception {
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EINLASS_PUBLIC_URL", "http://localhost:" + port);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms512m -Xmx1g");
        try (DistributionServer server = DistributionServer.launch(home, port, List.of("start", "--optimized",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + Ports.free(),
                "--http-enabled=true", "--hostname=http://localhost:" + port, "--log-level=WARN"), env, "master", log)) {
            io.einlass.keycloak.it.support.AdminClient admin = new io.einlass.keycloak.it.support.AdminClient(server.baseUrl());
            com.fasterxml.jackson.databind.node.ObjectNode realm = io.einlass.keycloak.it.support.Json.MAPPER.createObjectNode();
            realm.put("realm", "rss").put("enabled", true).put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
            admin.post("/realms", realm);
            com.fasterxml.jackson.databind.node.ObjectNode client = io.einlass.keycloak.it.support.Json.MAPPER.createObjectNode();
            client.put("clientId", "bench-builtin").put("publicClient", true).put("standardFlowEnabled", true);
            client.putArray("redirectUris").add("http://localhost:3000/*");
            client.putObject("attributes").put("pkce.code.challenge.method", "S256");
            admin.post("/realms/rss/clients", client);
            admin.createUser("rss", "pw@bench.example", "Bench-Password-1", Map.of());
            for (int i = 0; i < signIns; i++) {
                io.einlass.keycloak.it.support.Browser browser = new io.einlass.keycloak.it.support.Browser(server.baseUrl());
                io.einlass.keycloak.it.support.OidcApp.Login login = new io.einlass.keycloak.it.support.OidcApp(server.baseUrl(), "rss",
                        "bench-builtin", "http://localhost:3000/callback").login();
                io.einlass.keycloak.it.support.Page page = browser.open(login.url());
                login.complete(page.form("#kc-form-login").set("username", "pw@bench.example").set("password", "Bench-Password-1").submit());
            }
            long jvm = jvmPid(server.pid());
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            run(jcmd.toString(), String.valueOf(jvm), "GC.run");
            String info = run(jcmd.toString(), String.valueOf(jvm), "GC.heap_info");
            Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
            double heap = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
            return new double[] {heap, rssMiB(server.pid())};
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static long jvmPid(long scriptPid) {
        return ProcessHandle.of(scriptPid).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).reduce((a, b) -> b).orElseThrow();
    }

    private static double median(List<double[]> rows, int column) {
        List<Double> values = new ArrayList<>();
        rows.forEach(r -> values.add(r[column]));
        Collections.sort(values);
        int n = values.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double rssMiB(long scriptPid) throws Exception {
        long jvm = ProcessHandle.of(scriptPid).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).reduce((a, b) -> b).orElseThrow();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(jvm), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}

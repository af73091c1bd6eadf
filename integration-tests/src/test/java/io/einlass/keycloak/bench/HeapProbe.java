package io.einlass.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap and resident memory of the Keycloak JVM from outside, with the JDK's {@code jcmd}: a full GC
 * ({@code GC.run}, twice), the heap used after it ({@code GC.heap_info}), the live objects by class
 * ({@code GC.class_histogram}) and the RSS ({@code /proc/<pid>/status}). For the leak check of the benchmark.
 */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** One look at the JVM after a full GC. {@code classes}: class name to {instances, bytes}. */
    record Snapshot(String label, int signIns, double heapMiB, long rssMiB, Map<String, long[]> classes) {
    }

    private final long pid;
    private final String jcmd;

    HeapProbe(long pid) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    Snapshot take(String label, int signIns) throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        double heap = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        Map<String, long[]> classes = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        Snapshot snapshot = new Snapshot(label, signIns, heap, rss, classes);
        System.out.printf("%s: heap used after GC %.1f MiB, RSS %d MiB%n", label, heap, rss);
        return snapshot;
    }

    /** The classes whose live bytes grew most from {@code from} to {@code to}, as Markdown table rows. */
    static String growth(Snapshot from, Snapshot to, int top) {
        List<Map.Entry<String, long[]>> rows = to.classes().entrySet().stream()
                .map(e -> {
                    long[] before = from.classes().getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
                })
                .filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(top).toList();
        StringBuilder sb = new StringBuilder("| class | instances | KiB |\n|---|---:|---:|\n");
        for (Map.Entry<String, long[]> row : rows) {
            sb.append(String.format("| `%s` | %+d | %+.1f |%n", row.getKey(), row.getValue()[0], row.getValue()[1] / 1024.0));
        }
        return sb.toString();
    }

    /**
     * Every class with over 100 live instances more in {@code to} than in {@code from} (one kept per 100 sign-ins of
     * the leak check; fewer are singletons and caches filled on first use).
     */
    static List<String> grown(Snapshot from, Snapshot to) {
        return to.classes().entrySet().stream()
                .filter(e -> e.getValue()[0] > from.classes().getOrDefault(e.getKey(), new long[2])[0] + 100)
                .map(Map.Entry::getKey).toList();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

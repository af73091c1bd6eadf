package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the server's log written after a mark: taken before a test acts, read after, so a test can say what
 * its own actions logged. The log is split into records (a record starts with a timestamp line; stack frames and
 * "Caused by" lines belong to the record above them).
 */
public final class ServerLog {

    /** One log record: its first line and the lines below it (a stack trace, if any). */
    public record Entry(String line, List<String> continuation) {

        public boolean isWarn() {
            return line.matches("^\\S+ \\S+\\s+WARN\\b.*");
        }

        public boolean isError() {
            return line.matches("^\\S+ \\S+\\s+(ERROR|FATAL)\\b.*");
        }

        public boolean hasStackTrace() {
            return continuation.stream().anyMatch(l -> l.startsWith("\tat ") || l.matches("^\\s+at .*") || l.startsWith("Caused by"));
        }
    }

    private final Path file;
    private final long offset;

    private ServerLog(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Marks the current end of {@code server}'s log. */
    public static ServerLog mark(KeycloakServer server) {
        Path file = Path.of(server.logLocation());
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records written since the mark. */
    public List<Entry> since() {
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            byte[] bytes = new byte[(int) Math.max(0, length - offset)];
            in.seek(Math.min(offset, length));
            in.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        String first = null;
        List<String> rest = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.matches("^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}.*")) {
                if (first != null) {
                    entries.add(new Entry(first, List.copyOf(rest)));
                }
                first = line;
                rest.clear();
            } else if (first != null && !line.isEmpty()) {
                rest.add(line);
            }
        }
        if (first != null) {
            entries.add(new Entry(first, List.copyOf(rest)));
        }
        return entries;
    }

    /** The records since the mark whose first line contains {@code text}. */
    public List<Entry> containing(String text) {
        return since().stream().filter(e -> e.line().contains(text)).toList();
    }
}

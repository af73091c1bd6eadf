package io.einlass.keycloak.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to the loopback address, so a request can carry what {@code java.net.http} refuses
 * to send: a lone {@code %} in the URL, raw bytes that are no UTF-8, odd header values. One connection per request
 * ({@code Connection: close}); the answer is read whole (chunked bodies decoded).
 */
final class RawHttp {

    /** The request line and headers above which a server may close the connection instead of answering. */
    static final int HEAD_LIMIT = 4096;

    /** What came back; status {@link #CLOSED} when the server closed the connection without an answer. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        static final int CLOSED = -1;

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private final int port;
    private final String host;

    RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("the fuzz test talks to loopback only, not " + baseUrl);
        }
        this.port = uri.getPort();
        this.host = uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Sends {@code method target}; {@code target} is sent as written (chars U+0080..U+00FF as single raw bytes,
     * anything above as UTF-8). {@code body} likewise; null for none.
     */
    Response send(String method, String target, Map<String, String> headers, String body) {
        byte[] bodyBytes = body == null ? null : bytes(body);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", host);
        all.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) einlass-fuzz");
        all.put("Accept", "text/html,application/json;q=0.9,*/*;q=0.8");
        all.put("Accept-Language", "en");
        all.putAll(headers);
        all.put("Connection", "close");
        if (bodyBytes != null) {
            all.put("Content-Length", String.valueOf(bodyBytes.length));
        }
        all.forEach((k, v) -> head.append(k).append(": ").append(v.replace('\r', ' ').replace('\n', ' ')).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = bytes(head.toString());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(headBytes);
                if (bodyBytes != null) {
                    out.write(bodyBytes);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 414, 431) and close while the request is still being written
            }
            byte[] answer;
            try {
                answer = readAll(socket.getInputStream());
            } catch (IOException e) {
                answer = new byte[0];
            }
            if (answer.length == 0 && headBytes.length > HEAD_LIMIT) {
                return new Response(Response.CLOSED, Map.of(), "");
            }
            return parse(answer, "HEAD".equals(method));
        } catch (IOException | RuntimeException e) {
            // the target is not shown: it may hold a session's code
            throw new IllegalStateException(method + " request (" + headBytes.length
                    + " bytes of request line and headers) failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** U+0000..U+00FF as one byte each (raw bytes), the rest as UTF-8. */
    static byte[] bytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x100) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > 8_000_000) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static Response parse(byte[] raw, boolean head) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IllegalStateException("no HTTP answer: " + abbreviate(new String(raw, StandardCharsets.ISO_8859_1)));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            pos = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String abbreviate(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}\\p{Cf}]", "\u00b7");
        return printable.length() <= 160 ? printable : printable.substring(0, 160) + "\u2026(" + s.length() + " chars)";
    }
}

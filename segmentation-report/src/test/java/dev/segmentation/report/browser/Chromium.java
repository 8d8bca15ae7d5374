package dev.segmentation.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through the Chrome DevTools Protocol (CDP) over the JDK's WebSocket client, for
 * the report's browser tests. Test code only.
 *
 * <p>Why CDP and not WebDriver: the tests need what only the protocol reports (every network request the
 * page attempts, console messages including Content-Security-Policy violations, exact-size screenshots), and
 * CDP needs nothing beyond the browser itself: no driver binary and no extra dependency (JSON is read with the
 * Jackson the library already uses).
 *
 * <p>The browser is started with a new empty profile folder and the flags that keep it off the network
 * (no background networking, component updates, sync or QUIC), listening for DevTools on a free local port
 * that it writes to {@code DevToolsActivePort} in the profile. {@link #close()} closes the browser, waits for
 * its process and deletes the profile.
 */
public final class Chromium implements AutoCloseable {
    /** The system property that names the browser executable. */
    public static final String PROPERTY = "chromium.path";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final Connection connection;

    private Chromium(Process process, Path profile, Connection connection) {
        this.process = process;
        this.profile = profile;
        this.connection = connection;
    }

    /** The browser executable: {@code -Dchromium.path}, else Debian's {@code /usr/bin/chromium} and its kin. */
    public static Optional<Path> executable() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(Path.of(p)).filter(Files::isExecutable);
        }
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                return Optional.of(Path.of(c));
            }
        }
        return Optional.empty();
    }

    /**
     * The browser executable; when there is none the calling test is skipped, with a message on the console
     * (never a silent pass).
     */
    public static Path requireExecutable() {
        Optional<Path> p = executable();
        if (p.isEmpty()) {
            String message = "Skipped: no Chromium found (tried -D" + PROPERTY + ", /usr/bin/chromium, "
                    + "/usr/bin/chromium-browser, /usr/bin/google-chrome). Install Debian's chromium package "
                    + "(.ci/run does) to run the browser tests.";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return p.get();
    }

    /** Starts a headless browser (skipping the calling test when there is none). */
    public static Chromium launch() throws IOException, InterruptedException {
        Path exe = requireExecutable();
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        List<String> cmd = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-default-browser-check", "--disable-extensions", "--disable-default-apps", "--hide-scrollbars",
                "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + ": " + tail(log));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not open its DevTools port within " + TIMEOUT + ": "
                        + tail(log));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        try {
            return new Chromium(process, profile, Connection.open(ws));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Opens a URL in a new tab of {@code width} x {@code height} CSS pixels and waits until it has loaded and
     * painted.
     */
    public Page open(URI url, int width, int height) throws IOException {
        String target = connection.call("Target.createTarget", obj("url", "about:blank"), null).get("targetId")
                .asText();
        ObjectNode attach = obj("targetId", target);
        attach.put("flatten", true);
        String session = connection.call("Target.attachToTarget", attach, null).get("sessionId").asText();
        Page page = new Page(connection, session);
        for (String domain : new String[] {"Page", "Runtime", "Log", "Network"}) {
            connection.call(domain + ".enable", obj(), session);
        }
        ObjectNode metrics = obj();
        metrics.put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false);
        connection.call("Emulation.setDeviceMetricsOverride", metrics, session);
        page.navigate(url);
        return page;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.call("Browser.close", obj(), null);
        } catch (RuntimeException e) {
            // the browser may close the socket before it answers
        }
        connection.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(profile)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
    }

    static ObjectNode obj(String... pairs) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            n.put(pairs[i], pairs[i + 1]);
        }
        return n;
    }

    /** One tab: what it logged and requested, script evaluation and screenshots. */
    public static final class Page {
        private final Connection connection;
        private final String session;
        private double loadMillis;

        Page(Connection connection, String session) {
            this.connection = connection;
            this.session = session;
        }

        void navigate(URI url) {
            long start = System.nanoTime();
            connection.expect(session, "Page.loadEventFired");
            JsonNode r = connection.call("Page.navigate", obj("url", url.toString()), session);
            if (r.has("errorText")) {
                throw new IllegalStateException("Navigation to " + url + " failed: " + r.get("errorText").asText());
            }
            connection.await(session, "Page.loadEventFired");
            // two animation frames: the page has been laid out and painted
            evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
            loadMillis = (System.nanoTime() - start) / 1e6;
        }

        /** Milliseconds from the navigation request to the first paint after the load event. */
        public double loadMillis() {
            return loadMillis;
        }

        /** Console errors, uncaught exceptions and browser log errors (CSP violations among them). */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            for (JsonNode e : connection.events(session)) {
                String method = e.get("method").asText();
                JsonNode p = e.get("params");
                if (method.equals("Runtime.consoleAPICalled")) {
                    String type = p.get("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        out.add("console." + type + ": " + p.get("args"));
                    }
                } else if (method.equals("Runtime.exceptionThrown")) {
                    out.add("exception: " + p.get("exceptionDetails"));
                } else if (method.equals("Log.entryAdded") && p.get("entry").get("level").asText().equals("error")) {
                    out.add("log: " + p.get("entry").get("text").asText() + " (" + p.get("entry").path("url").asText()
                            + ")");
                }
            }
            return out;
        }

        /** The URL of every request the page made or tried to make, the document itself included. */
        public List<String> requests() {
            List<String> out = new ArrayList<>();
            for (JsonNode e : connection.events(session)) {
                if (e.get("method").asText().equals("Network.requestWillBeSent")) {
                    out.add(e.get("params").get("request").get("url").asText());
                }
            }
            return out;
        }

        /** Evaluates a JavaScript expression (awaiting a promise) and returns its value as JSON. */
        public JsonNode evaluate(String expression) {
            ObjectNode p = obj("expression", expression);
            p.put("returnByValue", true).put("awaitPromise", true);
            JsonNode r = connection.call("Runtime.evaluate", p, session);
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("Script failed: " + r.get("exceptionDetails"));
            }
            return r.get("result").path("value");
        }

        /** A PNG of the page region at (x, y) of the given size, in CSS pixels (beyond the viewport too). */
        public byte[] screenshot(double x, double y, double width, double height) {
            ObjectNode clip = obj();
            clip.put("x", x).put("y", y).put("width", width).put("height", height).put("scale", 1);
            ObjectNode p = obj("format", "png");
            p.set("clip", clip);
            p.put("captureBeyondViewport", true);
            return Base64.getDecoder().decode(connection.call("Page.captureScreenshot", p, session).get("data")
                    .asText());
        }
    }

    /** The DevTools WebSocket: numbered calls with their answers, and events kept per session. */
    static final class Connection implements WebSocket.Listener {
        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final Map<String, List<JsonNode>> events = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<JsonNode>> expected = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Connection open(URI ws) throws IOException {
            Connection c = new Connection();
            try {
                c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                        .buildAsync(ws, c).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while connecting to " + ws, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("Cannot connect to Chromium's DevTools at " + ws, e);
            }
            return c;
        }

        JsonNode call(String method, ObjectNode params, String session) {
            long id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode();
            msg.put("id", id).put("method", method);
            msg.set("params", params);
            if (session != null) {
                msg.put("sessionId", session);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(msg.toString(), true).join();
            JsonNode r = get(answer, method);
            if (r.has("error")) {
                throw new IllegalStateException(method + " failed: " + r.get("error"));
            }
            return r.get("result");
        }

        /** Registers interest in the next {@code method} event of a session (before triggering it). */
        void expect(String session, String method) {
            expected.put(session + " " + method, new CompletableFuture<>());
        }

        JsonNode await(String session, String method) {
            return get(expected.get(session + " " + method), method);
        }

        List<JsonNode> events(String session) {
            return List.copyOf(events.getOrDefault(session, List.of()));
        }

        private static JsonNode get(CompletableFuture<JsonNode> f, String what) {
            try {
                return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("No answer to " + what + " within " + TIMEOUT, e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode msg;
            try {
                msg = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asLong());
                if (f != null) {
                    f.complete(msg);
                }
                return;
            }
            String session = msg.path("sessionId").asText("");
            events.computeIfAbsent(session, s -> new CopyOnWriteArrayList<>()).add(msg);
            CompletableFuture<JsonNode> f = expected.get(session + " " + msg.get("method").asText());
            if (f != null) {
                f.complete(msg);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            IllegalStateException closed = new IllegalStateException("DevTools connection closed: " + reason);
            pending.values().forEach(f -> f.completeExceptionally(closed));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        void close() {
            socket.abort();
        }
    }
}

/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.internal.Hashing;
import dev.segmentation.serving.registry.InputContract;
import dev.segmentation.serving.registry.ModelRegistry;
import dev.segmentation.serving.registry.ModelStore;
import dev.segmentation.serving.registry.ModelVersion;
import dev.segmentation.serving.registry.Registration;
import dev.segmentation.serving.store.AssignmentStore;
import dev.segmentation.serving.store.EmbeddedDatabase;
import dev.segmentation.serving.store.Population;
import dev.segmentation.serving.store.RunInfo;
import dev.segmentation.serving.store.StoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts the segment service.
 * <pre>
 * java -jar segmentation-service/target/segmentation-service.jar \
 *     --model target/segmentation-output/online_retail-model.json \
 *     --population target/segmentation-output/online_retail-customers.csv
 * </pre>
 * Options: {@code --model FILE} (repeatable; each is registered, the last one activated if nothing is active),
 * {@code --population CSV} (scores the customers of a CSV with a {@code customer_id} column and the model's inputs
 * into the store, once per model version), {@code --port 8080}, {@code --bind 127.0.0.1}, {@code --threads N},
 * {@code --data-dir DIR} (registry and embedded database; default {@code target/segmentation-service}),
 * {@code --jdbc-url URL --jdbc-user U} (PostgreSQL instead of the embedded database; the password from the
 * environment variable {@code SEGMENTATION_JDBC_PASSWORD}), {@code --admin-token-file FILE} (else the variable
 * {@code SEGMENTATION_ADMIN_TOKEN}, else a new random token written to {@code DIR/admin-token}),
 * {@code --ttl-hours 48}, {@code --max-body-bytes}, {@code --max-batch-rows}, {@code --default-segment NAME},
 * {@code --cold-start INPUT:MIN[:SEGMENT]} (repeatable), {@code --far-quantile Q}.
 *
 * <p>On Java 17 the JDK server waits for delayed ACKs on keep-alive connections (about 40 ms per request) unless
 * {@code sun.net.httpserver.nodelay} is true; this program sets it before the server starts.
 */
public final class SegmentService {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentService.class);
    private SegmentService() {
    }

    /** Parsed command line. */
    static final class Config {
        final List<Path> models = new ArrayList<>();
        Path population;
        int port = 8080;
        String bind = "127.0.0.1";
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        Path dataDir = Path.of("target", "segmentation-service");
        String jdbcUrl;
        String jdbcUser = "segmentation";
        Path tokenFile;
        Duration ttl = Duration.ofHours(48);
        int maxBodyBytes = 16 << 20;
        int maxBatchRows = 100_000;
        int maxModelBytes = 16 << 20;
        final FallbackPolicy.Builder policy = FallbackPolicy.builder();

        static Config parse(String[] args) {
            Config c = new Config();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--model" -> c.models.add(Path.of(v));
                    case "--population" -> c.population = Path.of(v);
                    case "--port" -> c.port = positive(a, v, 0);
                    case "--bind" -> c.bind = v;
                    case "--threads" -> c.threads = positive(a, v, 1);
                    case "--data-dir" -> c.dataDir = Path.of(v);
                    case "--jdbc-url" -> c.jdbcUrl = v;
                    case "--jdbc-user" -> c.jdbcUser = v;
                    case "--admin-token-file" -> c.tokenFile = Path.of(v);
                    case "--ttl-hours" -> c.ttl = Duration.ofHours(positive(a, v, 1));
                    case "--max-body-bytes" -> c.maxBodyBytes = positive(a, v, 1024);
                    case "--max-batch-rows" -> c.maxBatchRows = positive(a, v, 1);
                    case "--default-segment" -> c.policy.defaultSegment(v);
                    case "--cold-start" -> {
                        String[] p = v.split(":", 3);
                        if (p.length < 2) {
                            throw new IllegalArgumentException("--cold-start is INPUT:MIN[:SEGMENT], not " + v);
                        }
                        double min = Double.parseDouble(p[1]);
                        if (p.length == 3) {
                            c.policy.coldStart(p[0], min, p[2]);
                        } else {
                            c.policy.coldStart(p[0], min);
                        }
                    }
                    case "--far-quantile" -> c.policy.farFromSegments(Double.parseDouble(v));
                    default -> throw new IllegalArgumentException("Unknown option " + a + "; see the module README");
                }
            }
            return c;
        }

        private static int positive(String option, String v, int min) {
            try {
                int x = Integer.parseInt(v);
                if (x >= min) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " must be an integer >= " + min + ", not " + v);
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Config c;
        try {
            c = Config.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Running r;
        try {
            r = start(c);
        } catch (StoreException | IllegalArgumentException | IOException e) {
            LOG.error("The segment service cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "segment-shutdown"));
        LOG.info("Segment service on http://{}:{} (model version {}); admin token in {}", c.bind, r.service.port(),
                r.service.live().current().map(ServingModel::version).orElse("none"), r.tokenWhere);
    }

    /** A started service and what it holds open. */
    static final class Running implements AutoCloseable {
        final Service service;
        final AutoCloseable database;
        final String tokenWhere;

        Running(Service service, AutoCloseable database, String tokenWhere) {
            this.service = service;
            this.database = database;
            this.tokenWhere = tokenWhere;
        }

        @Override
        public void close() {
            service.close();
            try {
                database.close();
            } catch (Exception e) {
                // closing at shutdown
            }
        }
    }

    static Running start(Config c) throws IOException {
        Files.createDirectories(c.dataDir);
        DataSource ds;
        AutoCloseable db;
        if (c.jdbcUrl == null) {
            EmbeddedDatabase e = EmbeddedDatabase.open(c.dataDir.resolve("db"), c.threads + 2);
            ds = e.dataSource();
            db = e;
        } else {
            HikariConfig h = new HikariConfig();
            h.setJdbcUrl(c.jdbcUrl);
            h.setUsername(c.jdbcUser);
            h.setPassword(System.getenv().getOrDefault("SEGMENTATION_JDBC_PASSWORD", ""));
            h.setMaximumPoolSize(c.threads + 2);
            h.setInitializationFailTimeout(-1);
            HikariDataSource hds = new HikariDataSource(h);
            ds = hds;
            db = hds;
        }
        AssignmentStore store = AssignmentStore.open(ds);
        FallbackPolicy policy = c.policy.build();
        ModelRegistry registry = openRegistry(c);
        String lastRegistered = null;
        for (Path m : c.models) {
            lastRegistered = registry.register(m, Registration.builder().description("registered at start from "
                    + m.getFileName()).build()).id();
        }
        if (registry.active().isEmpty() && lastRegistered != null) {
            registry.activate(lastRegistered, "activated at start");
        }
        String[] where = new String[1];
        String token = token(c, where);
        Service service = new Service(new Service.Options(c.port, c.threads, c.maxBodyBytes, c.maxBatchRows,
                c.maxModelBytes, policy, c.bind), registry, store, token);
        if (c.population != null) {
            ServingModel m = service.live().current().orElseThrow(() -> new IllegalArgumentException(
                    "--population needs an active model (--model FILE)"));
            RunInfo run = store.publish(runId(c.population, m), m, readPopulation(c.population, m), c.ttl);
            LOG.info("{}", run.summary());
        }
        service.start();
        return new Running(service, db, where[0]);
    }

    private static ModelRegistry openRegistry(Config c) throws IOException {
        Path dir = c.dataDir.resolve("models");
        if (c.models.isEmpty()) {
            ModelRegistry probe = ModelRegistry.open(ModelStore.directory(dir), InputContract.numeric(List.of("_")));
            ModelVersion v = probe.active().orElseThrow(() -> new IllegalArgumentException("No --model given and no "
                    + "active version in " + dir));
            return ModelRegistry.open(ModelStore.directory(dir), contract(v));
        }
        var first = dev.segmentation.core.io.ModelIO.read(c.models.get(0),
                dev.segmentation.core.scoring.SegmentScorer.class);
        return ModelRegistry.open(ModelStore.directory(dir), InputContract.of(first));
    }

    /** The contract of a registered version: its inputs and their types. */
    private static InputContract contract(ModelVersion v) {
        InputContract.Builder b = InputContract.builder();
        for (String in : v.inputs()) {
            if (v.categoricalInputs().contains(in)) {
                b.categorical(in);
            } else {
                b.numeric(in);
            }
        }
        return b.build();
    }

    private static String token(Config c, String[] where) throws IOException {
        if (c.tokenFile != null) {
            where[0] = c.tokenFile.toString();
            return Files.readString(c.tokenFile, StandardCharsets.UTF_8).strip();
        }
        String env = System.getenv("SEGMENTATION_ADMIN_TOKEN");
        if (env != null && !env.isBlank()) {
            where[0] = "$SEGMENTATION_ADMIN_TOKEN";
            return env.strip();
        }
        Path file = c.dataDir.resolve("admin-token");
        if (!Files.exists(file)) {
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            Files.writeString(file, HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        where[0] = file.toString();
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** One run per population file content and model version, so that a restart does not re-score. */
    static String runId(Path population, ServingModel m) throws IOException {
        return "population-" + Hashing.sha256(Files.readAllBytes(population)).substring(0, 16) + "-v" + m.version();
    }

    /** A CSV with a {@code customer_id} column and the model's input columns (other columns are ignored). */
    static Population readPopulation(Path csv, ServingModel m) throws IOException {
        FeatureTransform t = m.scorer().transform();
        List<String> inputs = t.inputNames();
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(csv)) {
            long line = 1;
            for (NamedCsvRecord rec : r) {
                line++;
                double[] row = new double[inputs.size()];
                for (int j = 0; j < row.length; j++) {
                    String name = inputs.get(j);
                    String v = rec.findField(name).orElseThrow(() -> new IllegalArgumentException(csv + " has no column '"
                            + name + "', an input of the model"));
                    if (v.isEmpty()) {
                        row[j] = Double.NaN;
                    } else if (t.isCategorical(name)) {
                        row[j] = t.categoryCode(name, v);
                    } else {
                        try {
                            row[j] = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(csv + " line " + line + ", column '" + name
                                    + "': not a number");
                        }
                    }
                }
                ids.add(rec.findField("customer_id").orElseThrow(() -> new IllegalArgumentException(csv
                        + " has no column 'customer_id'")));
                rows.add(row);
            }
        }
        return Population.of(ids, dev.segmentation.core.Dataset.of(rows.toArray(new double[0][]), inputs));
    }
}

/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.serving.internal.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Versioned model files with an active pointer: register, list, activate, roll back, retain.
 * <pre>{@code
 * ModelRegistry registry = ModelRegistry.open(ModelStore.directory(Path.of("models")),
 *         InputContract.numeric(List.of("recency_days", "frequency", "monetary")));
 * ModelVersion v = registry.register(scorer, Registration.builder()
 *         .metric("silhouette", 0.318).trainingData(rawTraining).build());
 * registry.activate(v.id(), "nightly retrain");
 * SegmentScorer live = registry.load(registry.active().orElseThrow().id());
 * registry.rollback("new model misbehaves");           // back to the version active before
 * }</pre>
 *
 * <h2>What each operation guarantees</h2>
 * <ul>
 *   <li><b>register</b> stores the model file byte for byte with an entry (fingerprints, inputs, segment names,
 *       metrics, lineage, distance profile); registering the same bytes again returns the existing version.
 *       The file is read back and validated first: a file the library cannot load is never registered.</li>
 *   <li><b>activate</b> checks the version against the registry's {@link InputContract} (refusing with a
 *       {@link ContractMismatchException} that names every difference), loads the file to prove it is intact,
 *       then replaces the active pointer in one atomic, durable rename: a crash at any instant leaves the previous
 *       pointer or the new one. The pointer holds the whole activation history, so the history and the active
 *       version can never disagree.</li>
 *   <li><b>rollback</b> re-activates the version that was active before the current one (or any version that
 *       was once active), with the same checks.</li>
 *   <li><b>retain</b> deletes old versions, never the active one nor the one a roll-back would return to.</li>
 * </ul>
 * Mutations run under the store's exclusive lock, so several processes may share one registry.
 *
 * <p>Thread-safe. Loading a version ({@link #load}) parses its file each time; a live service keeps the loaded
 * scorer (see {@code LiveScorer}).
 *
 * @since 0.1
 */
public final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelStore store;
    private final InputContract contract;
    private final Clock clock;

    private ModelRegistry(ModelStore store, InputContract contract, Clock clock) {
        this.store = store;
        this.contract = contract;
        this.clock = clock;
    }

    /**
     * A registry over {@code store} that activates only versions matching {@code contract}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static ModelRegistry open(ModelStore store, InputContract contract) {
        return open(store, contract, Clock.systemUTC());
    }

    /** As {@link #open(ModelStore, InputContract)}, with the clock that stamps registrations and activations. */
    public static ModelRegistry open(ModelStore store, InputContract contract, Clock clock) {
        return new ModelRegistry(Checks.notNull("store", store), Checks.notNull("contract", contract),
                Checks.notNull("clock", clock));
    }

    /** The contract activations are checked against. */
    public InputContract contract() {
        return contract;
    }

    /**
     * Registers a scorer, written to a model file with {@code options.lineage()}.
     *
     * @throws IOException if the store cannot be written
     * @throws IllegalArgumentException if the scorer has no codec or the training data do not fit it
     */
    public ModelVersion register(SegmentScorer scorer, Registration options) throws IOException {
        Checks.notNull("scorer", scorer);
        Checks.notNull("options", options);
        Lineage lineage = options.lineage();
        return register(ModelIO.toJson(scorer, lineage).getBytes(StandardCharsets.UTF_8), options, "the scorer");
    }

    /**
     * Registers a model file as it is.
     *
     * @throws ModelFormatException if the file is not a valid segment-scorer model file
     * @throws IOException if the file cannot be read or the store cannot be written
     */
    public ModelVersion register(Path modelFile, Registration options) throws IOException {
        Checks.notNull("modelFile", modelFile);
        Checks.notNull("options", options);
        return register(Files.readAllBytes(modelFile), options, modelFile.toString());
    }

    private ModelVersion register(byte[] bytes, Registration options, String what) throws IOException {
        SavedModel saved = ModelIO.fromJson(new String(bytes, StandardCharsets.UTF_8));
        SegmentScorer scorer = scorerOf(saved, what);
        DistanceProfile profile = options.trainingData().map(raw -> DistanceProfile.of(scorer, raw)).orElse(null);
        String sha = Hashing.sha256(bytes);
        return store.exclusive(() -> {
            for (ModelVersion v : versions()) {
                if (v.fileSha256().equals(sha)) {
                    LOG.info("Model file {} is already registered as version {}", sha.substring(0, 12), v.id());
                    return v;
                }
            }
            String id = store.newVersionId();
            ModelVersion v = entryFor(id, saved, scorer, bytes, sha, options, profile);
            store.put(id, bytes, Entries.write(v));
            LOG.info("Registered model version {} ({}, k = {}, inputs {})", id, v.modelClass(), v.k(), v.inputs());
            return v;
        });
    }

    private static SegmentScorer scorerOf(SavedModel saved, String what) throws ModelFormatException {
        if (!(saved.model() instanceof SegmentScorer)) {
            throw new ModelFormatException(what + " holds a '" + saved.modelType() + "'; the registry serves "
                    + "segment-scorer files (SegmentScorer.of(pipeline, model))");
        }
        return (SegmentScorer) saved.model();
    }

    private ModelVersion entryFor(String id, SavedModel saved, SegmentScorer scorer, byte[] bytes, String sha,
                                  Registration options, DistanceProfile profile) {
        Set<String> categorical = new LinkedHashSet<>();
        for (String in : scorer.inputNames()) {
            if (scorer.transform().isCategorical(in)) {
                categorical.add(in);
            }
        }
        String pipeline = scorer.transform() instanceof FittedPipeline
                ? ((FittedPipeline) scorer.transform()).fingerprint() : null;
        Lineage l = saved.lineage();
        ModelVersion.TrainingLineage lineage = new ModelVersion.TrainingLineage(
                l.rows().isPresent() ? l.rows().getAsLong() : null, l.seed().isPresent() ? l.seed().getAsLong() : null,
                l.dataFrom().orElse(null), l.dataTo().orElse(null), l.source().orElse(null),
                l.createdAt().orElse(null), l.libraryVersion().orElse(null));
        return new ModelVersion(id, clock.instant(), sha, bytes.length,
                scorer.model().map(m -> m.getClass().getSimpleName()).orElse(scorer.assigner().getClass().getSimpleName()),
                scorer.k(), scorer.segmentNames(), scorer.noiseName(), scorer.inputNames(), categorical,
                InputContract.fingerprintOf(scorer.inputNames(), categorical), pipeline, scorer.confidenceKind(),
                scorer.hasProbabilities(), options.metrics(), options.description(), lineage, profile);
    }

    /** Every registered version, oldest first. */
    public List<ModelVersion> versions() throws IOException {
        List<ModelVersion> out = new ArrayList<>();
        for (String id : store.versions()) {
            out.add(version(id));
        }
        return out;
    }

    /**
     * One version's entry.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such version
     * @throws ModelFormatException if the entry is corrupt
     */
    public ModelVersion version(String id) throws IOException {
        Checks.notNull("id", id);
        return Entries.readVersion(store.entry(id), "the registry entry of version " + id);
    }

    /**
     * Loads a version's scorer, checking that the file is the one registered.
     *
     * @throws ModelFormatException if the file was modified or is not a valid model file
     * @throws IOException if it cannot be read
     */
    public SegmentScorer load(String id) throws IOException {
        ModelVersion v = version(id);
        byte[] bytes = store.modelFile(id);
        String sha = Hashing.sha256(bytes);
        if (!sha.equals(v.fileSha256())) {
            throw new ModelFormatException("The model file of version " + id + " hashes to " + sha.substring(0, 12)
                    + "... but was registered as " + v.fileSha256().substring(0, 12) + "...: it was modified");
        }
        return scorerOf(ModelIO.fromJson(new String(bytes, StandardCharsets.UTF_8)), "version " + id);
    }

    /** The active version, if one was ever activated. */
    public Optional<ModelVersion> active() throws IOException {
        Optional<Entries.Pointer> p = pointer();
        return p.isEmpty() ? Optional.empty() : Optional.of(version(p.get().active()));
    }

    /** Every change of the active version, oldest first (empty before the first activation). */
    public List<Activation> history() throws IOException {
        return pointer().map(Entries.Pointer::history).orElse(List.of());
    }

    /**
     * Makes a version active.
     *
     * @param id the version
     * @param note who or what asked (recorded in the history; never a customer identifier)
     * @return the activated version
     * @throws ContractMismatchException if the version does not match the contract
     * @throws java.nio.file.NoSuchFileException if there is no such version
     * @throws ModelFormatException if its file is damaged
     * @throws IOException if the pointer cannot be written
     */
    public ModelVersion activate(String id, String note) throws IOException {
        return change(id, Activation.Kind.ACTIVATE, note);
    }

    /**
     * Goes back to the version that was active before the current one.
     *
     * @throws IllegalStateException if there is no earlier activation
     * @throws ContractMismatchException if that version does not match the contract
     * @throws IOException as {@link #activate}
     */
    public ModelVersion rollback(String note) throws IOException {
        return store.exclusive(() -> {
            Entries.Pointer p = pointer().orElseThrow(() -> new IllegalStateException(
                    "Nothing to roll back: no version was ever activated"));
            String current = p.active();
            String target = null;
            List<Activation> h = p.history();
            for (int i = h.size() - 1; i >= 0 && target == null; i--) {
                if (!h.get(i).version().equals(current)) {
                    target = h.get(i).version();
                }
            }
            if (target == null) {
                throw new IllegalStateException("Nothing to roll back to: version " + current
                        + " is the only version ever activated");
            }
            return changeLocked(target, Activation.Kind.ROLLBACK, note);
        });
    }

    /**
     * Goes back to a version that was active at some earlier time.
     *
     * @throws IllegalArgumentException if the version was never active (use {@link #activate})
     * @throws ContractMismatchException if it does not match the contract
     * @throws IOException as {@link #activate}
     */
    public ModelVersion rollbackTo(String id, String note) throws IOException {
        Checks.notNull("id", id);
        return store.exclusive(() -> {
            boolean wasActive = false;
            for (Activation a : history()) {
                wasActive |= a.version().equals(id);
            }
            if (!wasActive) {
                throw new IllegalArgumentException("Version " + id + " was never active, so it is no roll-back target; "
                        + "activate it instead");
            }
            return changeLocked(id, Activation.Kind.ROLLBACK, note);
        });
    }

    private ModelVersion change(String id, Activation.Kind kind, String note) throws IOException {
        Checks.notNull("id", id);
        return store.exclusive(() -> changeLocked(id, kind, note));
    }

    private ModelVersion changeLocked(String id, Activation.Kind kind, String note) throws IOException {
        ModelVersion v = version(id);
        contract.check(v);
        load(id);
        Optional<Entries.Pointer> p = pointer();
        List<Activation> history = new ArrayList<>(p.map(Entries.Pointer::history).orElse(List.of()));
        String previous = p.map(Entries.Pointer::active).orElse(null);
        history.add(new Activation(id, previous, kind, clock.instant(), note == null ? "" : note));
        store.replacePointer(Entries.write(new Entries.Pointer(id, history)));
        LOG.info("{} model version {} (was {})", kind == Activation.Kind.ACTIVATE ? "Activated" : "Rolled back to", id,
                previous == null ? "none" : previous);
        return v;
    }

    /**
     * Deletes all but the {@code keep} most recently registered versions, never the active version nor the one
     * {@link #rollback} would return to.
     *
     * @return the deleted version ids
     * @throws IllegalArgumentException if {@code keep < 1}
     */
    public List<String> retain(int keep) throws IOException {
        Checks.atLeast("keep", keep, 1);
        return store.exclusive(() -> {
            List<String> ids = store.versions();
            Set<String> protect = new LinkedHashSet<>();
            Optional<Entries.Pointer> p = pointer();
            if (p.isPresent()) {
                protect.add(p.get().active());
                List<Activation> h = p.get().history();
                for (int i = h.size() - 1; i >= 0; i--) {
                    if (!h.get(i).version().equals(p.get().active())) {
                        protect.add(h.get(i).version());
                        break;
                    }
                }
            }
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < ids.size() - keep; i++) {
                if (!protect.contains(ids.get(i))) {
                    store.delete(ids.get(i));
                    deleted.add(ids.get(i));
                }
            }
            if (!deleted.isEmpty()) {
                LOG.info("Retention deleted model versions {}", deleted);
            }
            return deleted;
        });
    }

    private Optional<Entries.Pointer> pointer() throws IOException {
        Optional<byte[]> b = store.pointer();
        if (b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Entries.readPointer(b.get(), "the active pointer of " + store));
    }

    /** A plain-text table of the versions, the active one marked. */
    public String table() throws IOException {
        String active = pointer().map(Entries.Pointer::active).orElse("");
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-3s %-8s %-20s %-16s %3s  %-12s  %s%n", "", "version", "registered",
                "model", "k", "pipeline", "metrics"));
        for (ModelVersion v : versions()) {
            b.append(String.format(Locale.ROOT, "  %-3s %-8s %-20s %-16s %3d  %-12s  %s%n",
                    v.id().equals(active) ? "*" : "", v.id(), v.registeredAt().toString().substring(0, 19),
                    v.modelClass(), v.k(), v.pipelineFingerprint().map(f -> f.substring(0, 12)).orElse("-"),
                    v.metrics()));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ModelRegistry[" + store + ", " + contract + "]";
    }
}

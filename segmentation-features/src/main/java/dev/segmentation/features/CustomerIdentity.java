/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is who across sources: an alias map that merges customer ids (a web-shop login, a loyalty card and a
 * CRM number of one person) into one canonical id, and an opt-out list of customers who must appear in no
 * output. Applied at ingestion (see the readers' {@code identity(...)} option) or to any table with
 * {@code apply}, with the counts in an {@link IdentityReport}.
 *
 * <pre>{@code
 * CustomerIdentity identity = CustomerIdentity.builder()
 *     .alias("web-8812", "17850")          // alias -> canonical id
 *     .alias("card-0042", "web-8812")      // chains resolve: card-0042 -> 17850
 *     .optOut("12346")
 *     .build();
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Aliases resolve transitively to a canonical id (an id that is not itself an alias). A cycle, an alias
 *       mapped to itself, or one alias given two different targets is an {@link IllegalArgumentException} at
 *       {@link Builder#build()}.</li>
 *   <li>Opting out any id of a person opts out the person: an opt-out id is resolved to its canonical id, and
 *       every row whose canonical id is opted out is removed.</li>
 *   <li>Rows without a customer id are left as they are.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CustomerIdentity {
    private static final CustomerIdentity NONE = new CustomerIdentity(Map.of(), Set.of());

    private final Map<String, String> canonical;
    private final Set<String> optedOut;

    private CustomerIdentity(Map<String, String> canonical, Set<String> optedOut) {
        this.canonical = canonical;
        this.optedOut = optedOut;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** No aliases and no opt-outs. */
    public static CustomerIdentity none() {
        return NONE;
    }

    /**
     * The canonical id of a customer id: itself unless it is an alias.
     *
     * @param id a customer id
     */
    public String canonicalId(String id) {
        Checks.notNull("id", id);
        String c = canonical.get(id);
        return c == null ? id : c;
    }

    /** Whether the person behind {@code id} (through any alias) opted out. */
    public boolean isOptedOut(String id) {
        return optedOut.contains(canonicalId(id));
    }

    /** The number of aliases. */
    public int aliasCount() {
        return canonical.size();
    }

    /** The opted-out canonical ids; unmodifiable. */
    public Set<String> optedOutIds() {
        return optedOut;
    }

    /**
     * A source with its identity applied, and what was done.
     *
     * @param <T> the source type
     * @param value the source with canonical ids and without opted-out customers
     * @param report the counts
     */
    public record Applied<T>(T value, IdentityReport report) {
    }

    /**
     * Rewrites aliases to canonical ids and removes the rows of opted-out customers.
     *
     * @param transactions the input. Not modified.
     */
    public Applied<Transactions> apply(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        Mapped m = map(TransactionsAccess.columns(transactions));
        Transactions out = m.columns == null ? transactions : TransactionsAccess.wrap(m.columns);
        return new Applied<>(out, m.report);
    }

    /**
     * Rewrites aliases to canonical ids and removes the events of opted-out customers.
     *
     * @param events the input. Not modified.
     */
    public Applied<Events> apply(Events events) {
        Checks.notNull("events", events);
        Mapped m = map(EventsAccess.columns(events));
        Events out = m.columns == null ? events : EventsAccess.wrap(m.columns, events.hasValues());
        return new Applied<>(out, m.report);
    }

    /**
     * Rewrites aliases to canonical ids in a customer table, keeping the first row of each canonical customer
     * (later rows of the same person are counted in {@link IdentityReport#mergedRows()}), and removes
     * opted-out customers.
     *
     * @param table the input. Not modified.
     */
    public Applied<CustomerTable> apply(CustomerTable table) {
        Checks.notNull("table", table);
        List<String> ids = table.customerIds();
        List<String> keepIds = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> aliases = new HashSet<>();
        Set<String> out = new HashSet<>();
        long aliased = 0;
        long opted = 0;
        long merged = 0;
        for (int i = 0; i < ids.size(); i++) {
            String raw = ids.get(i);
            String c = canonicalId(raw);
            if (optedOut.contains(c)) {
                opted++;
                out.add(c);
                continue;
            }
            if (!seen.add(c)) {
                merged++;
                continue;
            }
            if (!c.equals(raw)) {
                aliased++;
                aliases.add(raw);
            }
            keepIds.add(raw);
            newIds.add(c);
        }
        IdentityReport report = new IdentityReport(ids.size(), keepIds.size(), aliased, aliases.size(), opted,
                out.size(), merged);
        if (opted == 0 && merged == 0 && aliased == 0) {
            return new Applied<>(table, report);
        }
        return new Applied<>(table.selectCustomers(keepIds).withCustomerIds(newIds), report);
    }

    /** Columns with canonical ids and no opted-out rows (null when nothing changes), and the counts. */
    private record Mapped(TransactionColumns columns, IdentityReport report) {
    }

    private Mapped map(TransactionColumns c) {
        String[] ids = c.customerIds;
        Map<String, Integer> codeOf = new LinkedHashMap<>();
        int[] remap = new int[ids.length];
        boolean[] isAlias = new boolean[ids.length];
        boolean changes = false;
        Set<String> outCustomers = new HashSet<>();
        for (int k = 0; k < ids.length; k++) {
            String can = canonicalId(ids[k]);
            isAlias[k] = !can.equals(ids[k]);
            if (optedOut.contains(can)) {
                remap[k] = -2;
                outCustomers.add(can);
                changes = true;
                continue;
            }
            changes |= isAlias[k];
            Integer code = codeOf.get(can);
            if (code == null) {
                code = codeOf.size();
                codeOf.put(can, code);
            }
            remap[k] = code;
        }
        int n = c.size;
        long aliased = 0;
        long opted = 0;
        int aliasesSeen = 0;
        for (int k = 0; k < ids.length; k++) {
            if (isAlias[k] && remap[k] >= 0) {
                aliasesSeen++;
            }
        }
        if (!changes) {
            return new Mapped(null, new IdentityReport(n, n, 0, 0, 0, 0, 0));
        }
        int[] rows = new int[n];
        int[] cust = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int cu = c.customer[i];
            if (cu < 0) {
                rows[m] = i;
                cust[m++] = -1;
                continue;
            }
            int r = remap[cu];
            if (r == -2) {
                opted++;
                continue;
            }
            if (isAlias[cu]) {
                aliased++;
            }
            rows[m] = i;
            cust[m++] = r;
        }
        TransactionColumns out = c.select(java.util.Arrays.copyOf(rows, m), java.util.Arrays.copyOf(cust, m),
                codeOf.keySet().toArray(new String[0]));
        return new Mapped(out, new IdentityReport(n, m, aliased, aliasesSeen, opted, outCustomers.size(), 0));
    }

    @Override
    public String toString() {
        return "CustomerIdentity[" + canonical.size() + " aliases, " + optedOut.size() + " opted out]";
    }

    /**
     * Builds a {@link CustomerIdentity}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final Set<String> optOuts = new HashSet<>();

        private Builder() {
        }

        /**
         * Maps {@code alias} to {@code target} (a canonical id or another alias).
         *
         * @throws IllegalArgumentException if an id is blank, the two are equal, or the alias already maps to
         *     another target
         */
        public Builder alias(String alias, String target) {
            String a = id("alias", alias);
            String t = id("target", target);
            if (a.equals(t)) {
                throw new IllegalArgumentException("Alias '" + a + "' maps to itself");
            }
            String previous = aliases.putIfAbsent(a, t);
            if (previous != null && !previous.equals(t)) {
                throw new IllegalArgumentException("Alias '" + a + "' maps to both '" + previous + "' and '" + t + "'");
            }
            return this;
        }

        /**
         * Adds a customer who opted out (any id of the person).
         *
         * @throws IllegalArgumentException if the id is blank
         */
        public Builder optOut(String customerId) {
            optOuts.add(id("customerId", customerId));
            return this;
        }

        /**
         * Reads aliases from a CSV file with a header (RFC 4180, UTF-8; lines starting with {@code #} are
         * comments). The file is read strictly: bytes that are not UTF-8, malformed quotes, missing fields and
         * quoted line breaks fail the read with the line, so that no alias is lost silently.
         *
         * @param aliasColumn the column of alias ids
         * @param targetColumn the column of the ids they map to
         * @throws UncheckedIOException if the file cannot be read
         * @throws IllegalArgumentException if a column is missing, the file is not valid CSV in UTF-8 or a row
         *     is invalid (the message gives the line)
         */
        public Builder aliasesFromCsv(Path file, String aliasColumn, String targetColumn) {
            Checks.notNull("file", file);
            List<NamedCsvRecord> rows = read(file);
            for (int r = 0; r < rows.size(); r++) {
                NamedCsvRecord rec = rows.get(r);
                try {
                    alias(field(rec, aliasColumn), field(rec, targetColumn));
                } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("Line " + rec.getStartingLineNumber() + " of " + file + ": "
                            + e.getMessage(), e);
                }
            }
            return this;
        }

        /**
         * Reads opted-out ids from a CSV file with a header, as strictly as {@link #aliasesFromCsv}: an opt-out
         * is never lost in a malformed line.
         *
         * @throws UncheckedIOException if the file cannot be read
         * @throws IllegalArgumentException if the column is missing, the file is not valid CSV in UTF-8 or an id
         *     is blank (the message gives the line)
         */
        public Builder optOutsFromCsv(Path file, String column) {
            Checks.notNull("file", file);
            List<NamedCsvRecord> rows = read(file);
            for (int r = 0; r < rows.size(); r++) {
                NamedCsvRecord rec = rows.get(r);
                try {
                    optOut(field(rec, column));
                } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("Line " + rec.getStartingLineNumber() + " of " + file + ": "
                            + e.getMessage(), e);
                }
            }
            return this;
        }

        private static String field(NamedCsvRecord rec, String column) {
            return rec.findField(column).orElseThrow(() -> new IllegalArgumentException("No column '" + column
                    + "'; the header is " + rec.getHeader()));
        }

        /**
         * The records of a small CSV file with a header, strictly: bytes that are not UTF-8, a quote that does
         * not close, text after a closing quote, a missing field and a quoted line break are errors naming the
         * line, so that no alias or opt-out is ever lost or altered silently.
         */
        private static List<NamedCsvRecord> read(Path file) {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            List<NamedCsvRecord> out = new ArrayList<>();
            try (CsvReader<NamedCsvRecord> r = CsvReader.builder().commentStrategy(CommentStrategy.SKIP)
                    .allowUnclosedQuote(false).ofNamedCsvRecord(new InputStreamReader(Files.newInputStream(file),
                            utf8))) {
                r.forEach(out::add);
            } catch (CsvParseException e) {
                String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
                throw new IllegalArgumentException(file + " is not valid CSV: " + e.getMessage() + cause, e);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw new IllegalArgumentException(file + " holds bytes that are not valid UTF-8 after line "
                            + (out.isEmpty() ? 1 : out.get(out.size() - 1).getStartingLineNumber()), e);
                }
                throw new UncheckedIOException("Cannot read " + file, e.getCause());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            for (int r = 0; r < out.size(); r++) {
                List<String> fields = out.get(r).getFields();
                for (int k = 0; k < fields.size(); k++) {
                    if (fields.get(k).indexOf('\n') >= 0 || fields.get(k).indexOf('\r') >= 0) {
                        throw new IllegalArgumentException("Line " + out.get(r).getStartingLineNumber() + " of " + file
                                + ": a quoted field spans lines (a quote that does not close on its line?)");
                    }
                }
            }
            return out;
        }

        private static String id(String what, String value) {
            Checks.notNull(what, value);
            String v = value.strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return v;
        }

        /**
         * The identity.
         *
         * @throws IllegalArgumentException if the aliases form a cycle (the message lists it)
         */
        public CustomerIdentity build() {
            Map<String, String> resolved = new HashMap<>();
            for (String a : aliases.keySet()) {
                List<String> path = new ArrayList<>();
                String cur = a;
                while (aliases.containsKey(cur)) {
                    if (path.contains(cur)) {
                        path.add(cur);
                        throw new IllegalArgumentException("The aliases form a cycle: " + String.join(" -> ", path));
                    }
                    path.add(cur);
                    cur = aliases.get(cur);
                }
                resolved.put(a, cur);
            }
            Set<String> out = new HashSet<>();
            for (String id : optOuts) {
                String c = resolved.get(id);
                out.add(c == null ? id : c);
            }
            return new CustomerIdentity(Collections.unmodifiableMap(resolved), Collections.unmodifiableSet(out));
        }
    }
}

package org.bftref.trace.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

/**
 * Reads traces in format version 1 (trace-validation/FORMAT.md): one file, or several merged by {@code (lc,
 * replica)}. Every line is checked against the JSON Schema ({@code $defs/header} for line 1, {@code $defs/event}
 * for the others) and then against what a schema cannot say: ids below n, faulty replicas do not log, sets
 * without duplicates, and for several files {@code lc} on every event, increasing within a file, and one header.
 * The first violation is thrown as a {@link TraceFormatException} naming file, line and field.
 *
 * <p>Reading is one pass per file with a bounded line buffer ({@link #MAX_LINE_BYTES}); each line is decoded
 * (strict UTF-8), parsed once by Jackson, and the parsed tree is what the schema validates and what the result
 * holds.
 */
public final class TraceReader {

    /** The classpath resource holding the JSON Schema of format version 1. */
    public static final String SCHEMA_RESOURCE = TraceSchema.RESOURCE;
    /** The longest line, in bytes, not counting its line end: 1 MiB. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** The format version this reader reads. */
    public static final int VERSION = 1;
    /** The 11 event actions of format version 1, as the schema names them. */
    public static final List<String> ACTIONS = TraceSchema.ACTIONS;

    /** Deeper than the format ever nests (5 levels: event, V, ventry, P, cert), so no parser or validator recursion. */
    private static final int MAX_NESTING = 16;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(64)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private TraceReader() {
    }

    /** Reads one file, or several files of one trace merged into one causal order. */
    public static Trace read(List<Path> files) throws TraceFormatException {
        if (files == null || files.isEmpty()) {
            throw new TraceFormatException(null, 0, "", "no trace file given");
        }
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!seen.add(file.toAbsolutePath().normalize())) {
                throw new TraceFormatException(file, 0, "", "given twice");
            }
        }
        boolean several = files.size() > 1;
        List<FileContent> contents = new ArrayList<>();
        for (Path file : files) {
            FileContent first = contents.isEmpty() ? null : contents.get(0);
            contents.add(readFile(file, several, first));
        }
        List<TraceLine> events = several ? merge(contents) : contents.get(0).events;
        return new Trace(contents.get(0).header, Collections.unmodifiableList(events), List.copyOf(files));
    }

    /** Reads one file. */
    public static Trace read(Path file) throws TraceFormatException {
        return read(List.of(file));
    }

    /** For tests and the fuzzer: reads {@code content} as if it were the file {@code fileName}. */
    public static Trace read(String fileName, byte[] content) throws TraceFormatException {
        Path file = Path.of(fileName);
        FileContent c = new FileReading(file, false, null).read(new ByteArrayInputStream(content));
        return new Trace(c.header, Collections.unmodifiableList(c.events), List.of(file));
    }

    private static FileContent readFile(Path file, boolean several, FileContent first) throws TraceFormatException {
        if (Files.isDirectory(file)) {
            throw new TraceFormatException(file, 0, "", "is a directory, not a trace file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new FileReading(file, several, first).read(in);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(file, 0, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new TraceFormatException(file, 0, "", "cannot read it: permission denied");
        } catch (IOException e) {
            throw new TraceFormatException(file, 0, "", "cannot read it: " + e.getMessage(), e);
        }
    }

    /** One file's header and events, in file order. */
    private record FileContent(Path file, TraceHeader header, List<TraceLine> events) {
    }

    /** Merges files by (lc, replica); each file's lc increases strictly, so each file's own order is kept. */
    private static List<TraceLine> merge(List<FileContent> contents) throws TraceFormatException {
        int total = 0;
        for (FileContent c : contents) {
            total += c.events.size();
        }
        List<TraceLine> out = new ArrayList<>(total);
        PriorityQueue<Cursor> queue = new PriorityQueue<>();
        for (int i = 0; i < contents.size(); i++) {
            if (!contents.get(i).events.isEmpty()) {
                queue.add(new Cursor(contents.get(i).events, i));
            }
        }
        TraceLine previous = null;
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            TraceLine e = c.current();
            if (previous != null && previous.lc().longValue() == e.lc().longValue()
                    && previous.replica() == e.replica()) {
                throw new TraceFormatException(e.file(), e.line(), "lc",
                        "(lc " + e.lc() + ", replica " + e.replica() + ") is also the key of "
                                + previous.file() + ":" + previous.line()
                                + ": events of several files are merged by (lc, replica), which must be unique");
            }
            out.add(e);
            previous = e;
            if (c.advance()) {
                queue.add(c);
            }
        }
        return out;
    }

    private static final class Cursor implements Comparable<Cursor> {
        private final List<TraceLine> events;
        private final int fileIndex;
        private int index;

        Cursor(List<TraceLine> events, int fileIndex) {
            this.events = events;
            this.fileIndex = fileIndex;
        }

        TraceLine current() {
            return events.get(index);
        }

        boolean advance() {
            return ++index < events.size();
        }

        @Override
        public int compareTo(Cursor o) {
            TraceLine a = current();
            TraceLine b = o.current();
            int c = Long.compare(a.lc(), b.lc());
            if (c == 0) {
                c = Integer.compare(a.replica(), b.replica());
            }
            return c != 0 ? c : Integer.compare(fileIndex, o.fileIndex);
        }
    }

    /** The reading of one file: line by line, each line checked before the next is read. */
    private static final class FileReading {

        private final Path file;
        private final boolean several;
        private final FileContent first;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private CharBuffer chars = CharBuffer.allocate(8 * 1024);

        private int line;
        private TraceHeader header;
        private long previousLc;
        private int previousLcLine;

        FileReading(Path file, boolean several, FileContent first) {
            this.file = file;
            this.several = several;
            this.first = first;
        }

        FileContent read(InputStream in) throws TraceFormatException {
            LineSource lines = new LineSource(in, MAX_LINE_BYTES);
            List<TraceLine> events = new ArrayList<>();
            try {
                while (lines.next()) {
                    line = lines.lineNumber();
                    if (line == 1 && startsWithBom(lines.bytes(), lines.length())) {
                        throw error("", "starts with a byte order mark (U+FEFF): trace files are UTF-8 without one");
                    }
                    if (isBlank(lines.bytes(), lines.length())) {
                        throw error("", "blank line: every line is one JSON object"
                                + (line == 1 ? " (line 1 is the header)" : ""));
                    }
                    JsonNode node = parse(lines.bytes(), lines.length());
                    if (line == 1) {
                        header = header(node);
                    } else {
                        events.add(event(node));
                    }
                }
            } catch (LineSource.LineTooLongException e) {
                line = lines.lineNumber();
                throw error("", "line longer than " + MAX_LINE_BYTES + " bytes (1 MiB), the limit of the format");
            } catch (IOException e) {
                throw new TraceFormatException(file, lines.lineNumber(), "", "cannot read it: " + e.getMessage(), e);
            }
            if (header == null) {
                line = 1;
                throw error("header", "empty file: line 1 must be the header");
            }
            return new FileContent(file, header, events);
        }

        private TraceFormatException error(String field, String reason) {
            return new TraceFormatException(file, line, field, reason);
        }

        // ---- bytes to a tree

        private JsonNode parse(byte[] bytes, int length) throws TraceFormatException {
            decoder.reset();
            if (chars.capacity() < length) {
                chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
            }
            chars.clear();
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
            CoderResult result = decoder.decode(in, chars, true);
            if (!result.isError()) {
                result = decoder.flush(chars);
            }
            if (result.isError()) {
                throw error("", "invalid UTF-8 at byte " + (in.position() + 1) + " of the line");
            }
            JsonNode node;
            try (JsonParser parser = JSON.createParser(chars.array(), 0, chars.position())) {
                node = MAPPER.readTree(parser);
                if (node != null && parser.nextToken() != null) {
                    throw error("", "malformed JSON at column " + parser.currentLocation().getColumnNr()
                            + ": more than one JSON value on the line");
                }
            } catch (StreamConstraintsException e) {
                throw error("", "malformed JSON: " + oneLine(e.getOriginalMessage()));
            } catch (JsonProcessingException e) {
                int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
                throw error("", "malformed JSON" + (column > 0 ? " at column " + column : "") + ": "
                        + oneLine(e.getOriginalMessage()));
            } catch (IOException e) {
                throw error("", "malformed JSON: " + oneLine(e.getMessage()));
            }
            if (node == null || node.isMissingNode()) {
                throw error("", "no JSON value on the line");
            }
            if (!node.isObject()) {
                throw error(line == 1 ? "header" : "", "expected a JSON object, found " + kind(node)
                        + (line == 1 ? " (line 1 is the header)" : ""));
            }
            NonInteger nonInteger = firstNonInteger(node, "");
            if (nonInteger != null) {
                throw error(line == 1 ? TraceSchema.join("header", nonInteger.path()) : nonInteger.path(),
                        "numbers in a trace are integers, found " + TraceSchema.show(nonInteger.value()));
            }
            return node;
        }

        // ---- line 1

        private TraceHeader header(JsonNode node) throws TraceFormatException {
            if (node.has("action") && !node.has("format")) {
                throw error("header", "line 1 must be the header, found an event (action "
                        + TraceSchema.show(node.get("action")) + ")");
            }
            schema(TraceSchema.HEADER, node, "header");
            int n = node.get("n").intValue();
            JsonNode replicas = node.get("replicas");
            if (replicas.size() != n) {
                throw error("header.replicas", "must be exactly 0 .. n-1 = " + range(n) + ", found "
                        + replicas.size() + " ids");
            }
            for (int i = 0; i < replicas.size(); i++) {
                if (replicas.get(i).longValue() >= n) {
                    throw error("header.replicas[" + i + "]", replicas.get(i) + " is not below n = " + n
                            + ": replicas must be exactly " + range(n));
                }
            }
            SortedSet<Integer> faulty = new TreeSet<>();
            JsonNode f = node.get("faulty");
            for (int i = 0; i < f.size(); i++) {
                if (f.get(i).longValue() >= n) {
                    throw error("header.faulty[" + i + "]", f.get(i) + " is not a replica (" + range(n) + ")");
                }
                faulty.add(f.get(i).intValue());
            }
            List<Integer> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(i);
            }
            TraceHeader h = new TraceHeader(n, node.get("f").intValue(), Collections.unmodifiableList(ids),
                    Collections.unmodifiableSortedSet(faulty), node.get("checkpointInterval").intValue(),
                    node.get("watermarkWindow").intValue(), node.get("nullDigest").textValue(),
                    node.has("source") ? node.get("source").textValue() : null, (ObjectNode) node);
            if (first != null) {
                sameHeader(first, h);
            }
            return h;
        }

        /** All files of one trace have one header; {@code source} may differ. */
        private void sameHeader(FileContent first, TraceHeader h) throws TraceFormatException {
            ObjectNode a = first.header.json();
            ObjectNode b = h.json();
            Set<String> names = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if ("source".equals(name)) {
                    continue;
                }
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null || !Sets.canonical(x).equals(Sets.canonical(y))) {
                    throw error("header." + name, "differs from the header of " + first.file + " ("
                            + (x == null ? "absent" : TraceSchema.show(x)) + " there, "
                            + (y == null ? "absent" : TraceSchema.show(y)) + " here): all files of a trace have"
                            + " the same header (source aside)");
                }
            }
        }

        // ---- later lines

        private TraceLine event(JsonNode node) throws TraceFormatException {
            if (node.has("format") && !node.has("action")) {
                throw error("format", "a header after line 1: give the files of a trace as separate files");
            }
            schema(TraceSchema.forEvent(node), node, "");
            int n = header.n();
            long replica = node.get("replica").longValue();
            if (replica >= n) {
                throw error("replica", notAnId(replica));
            }
            if (header.faulty().contains((int) replica)) {
                throw error("replica", "replica " + replica + " is faulty (header.faulty): faulty replicas do"
                        + " not log");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if ("prepares".equals(name) || "commits".equals(name) || "proof".equals(name)) {
                    for (int i = 0; i < value.size(); i++) {
                        if (value.get(i).longValue() >= n) {
                            throw error(name + "[" + i + "]", notAnId(value.get(i).longValue()));
                        }
                    }
                } else if ("V".equals(name)) {
                    for (int i = 0; i < value.size(); i++) {
                        long r = value.get(i).get("r").longValue();
                        if (r >= n) {
                            throw error("V[" + i + "].r", notAnId(r));
                        }
                    }
                    // The schema finds equal entries; these are equal as sets (their P in another order).
                    int[] dup = Sets.firstDuplicate(value);
                    if (dup != null) {
                        throw error("V[" + dup[1] + "]", "duplicate in a set: the same VIEW-CHANGE as V["
                                + dup[0] + "] (P compared as a set)");
                    }
                }
            }
            Long lc = node.has("lc") ? node.get("lc").longValue() : null;
            if (several) {
                if (lc == null) {
                    throw error("lc", "missing: with several files every event needs its Lamport clock lc");
                }
                if (previousLcLine > 0 && lc <= previousLc) {
                    throw error("lc", lc + " is not above " + previousLc + ", the lc of line " + previousLcLine
                            + ": lc increases strictly within a file");
                }
                previousLc = lc;
                previousLcLine = line;
            }
            return new TraceLine(file, line, node.get("action").textValue(), (int) replica, lc, (ObjectNode) node);
        }

        private String notAnId(long id) {
            return id + " is not a replica id: ids are 0 .. n-1 = " + range(header.n());
        }

        private void schema(com.networknt.schema.JsonSchema schema, JsonNode node, String prefix)
                throws TraceFormatException {
            ValidationMessage first = TraceSchema.firstError(schema, node);
            if (first != null) {
                String field = TraceSchema.uniqueItemsField(first, TraceSchema.field(first, prefix));
                throw error(field, TraceSchema.reason(first, node));
            }
        }
    }

    // ---- helpers

    private static boolean startsWithBom(byte[] b, int length) {
        return length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String range(int n) {
        return n == 1 ? "0" : "0 .. " + (n - 1);
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** A number that is not an integer ({@code 1.0}, {@code 1e2}) and where it is, or null if there is none. */
    private record NonInteger(String path, JsonNode value) {
    }

    private static NonInteger firstNonInteger(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode() || v.isNumber()) {
                    NonInteger found = firstNonInteger(v, TraceSchema.join(path, e.getKey()));
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (v.isContainerNode() || v.isNumber()) {
                    NonInteger found = firstNonInteger(v, path + "[" + i + "]");
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        return node.isNumber() && !node.isIntegralNumber() ? new NonInteger(path, node) : null;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\s+", " ").trim();
    }
}

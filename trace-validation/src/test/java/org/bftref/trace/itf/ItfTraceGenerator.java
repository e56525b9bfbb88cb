package org.bftref.trace.itf;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.mc.tlc.ForkedJvm;

/**
 * Makes ITF traces of PBFT.tla with TLC: a small model, an invariant that says some goal is never reached, and
 * TLC's counterexample (the shortest behaviour that reaches it, as TLC searches breadth-first) written by
 * {@link ItfWriter}; or, with a seed, TLC's random simulation stopped by an invariant on the behaviour's length. TLC runs in a forked JVM. The committed test resources
 * ({@code src/test/resources/org/bftref/trace/itf/*.itf.json}) were made by {@link #main}; {@code ItfWriterTest}
 * makes one again and validates it.
 */
public final class ItfTraceGenerator {

    /** A model: its constants as a TLC config, the same constants as ITF values, and the goal never to reach. */
    public record Model(String name, String description, int n, List<Integer> byz, List<String> values,
                        int maxView, int maxSeq, String neverReached, long simulateSeed) {

        String config() {
            return "CONSTANTS\n  N = " + n + "\n  F = 1\n  Byz = " + byz.toString().replace('[', '{').replace(']', '}')
                    + "\n  Values = " + values.toString().replace('[', '{').replace(']', '}') + "\n  NoOp = NoOp\n"
                    + "  MaxView = " + maxView + "\n  MaxSeq = " + maxSeq + "\n"
                    + "INIT Init\nNEXT Next\nINVARIANT " + neverReached + "\nCHECK_DEADLOCK FALSE\n";
        }

        Map<String, ItfValue> constants() {
            Map<String, ItfValue> c = new LinkedHashMap<>();
            c.put("N", integer(n));
            c.put("F", integer(1));
            c.put("Byz", new ItfValue.SetOf(byz.stream().map(ItfTraceGenerator::integer).toList()));
            c.put("Values", new ItfValue.SetOf(values.stream().map(v -> (ItfValue) new ItfValue.Str(v)).toList()));
            c.put("NoOp", new ItfValue.Str("NoOp"));
            c.put("MaxView", integer(maxView));
            c.put("MaxSeq", integer(maxSeq));
            return c;
        }
    }

    /** The models of the committed traces; the goals are defined in ITFGen.tla. */
    public static final List<Model> MODELS = List.of(
            new Model("normal-case", "all four replicas honest: request a committed by every replica",
                    4, List.of(), List.of("a"), 0, 1, "NotCommittedByAll", 0),
            new Model("view-change", "faulty primary 0: the honest replicas move to view 1 and prepare a there",
                    4, List.of(0), List.of("a"), 1, 1, "NoCertificateInView1", 0),
            new Model("faulty-backup", "faulty backup 3: requests a and b at sequence numbers 1 and 2, both "
                    + "committed by every honest replica", 4, List.of(3), List.of("a", "b"), 0, 2, "NotCommittedByAll", 0),
            new Model("random-walk", "TLC -simulate -seed 42: a random behaviour of 29 steps under faulty primary 0, "
                    + "requests a and b, views 0 .. 2, sequence numbers 1 .. 2", 4, List.of(0), List.of("a", "b"), 2, 2,
                    "ShortBehaviour", 42));

    private ItfTraceGenerator() {
    }

    static ItfValue integer(int k) {
        return new ItfValue.Int(BigInteger.valueOf(k));
    }

    /** Runs TLC on the model in {@code work} and returns its counterexample as ITF. */
    public static ObjectNode generate(Model model, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        for (String spec : List.of("PBFT.tla", "ByzQuorums.tla", "Voting.tla", "Consensus.tla")) {
            try (InputStream in = ItfTraceGenerator.class.getResourceAsStream("/org/bftref/trace/spec/" + spec)) {
                Files.write(work.resolve(spec), in.readAllBytes());
            }
        }
        try (InputStream in = ItfTraceGenerator.class.getResourceAsStream("ITFGen.tla")) {
            Files.write(work.resolve("ITFGen.tla"), in.readAllBytes());
        }
        Files.writeString(work.resolve("ITFGen.cfg"), model.config(), StandardCharsets.UTF_8);
        Path out = work.resolve("tlc.out");
        List<String> command = new ArrayList<>(List.of(ForkedJvm.javaExecutable(), "-XX:+UseParallelGC", "-Xmx1g",
                "-cp", absoluteClasspath(), "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                "tlc2.TLC", "-tool", "-deadlock", "-workers", "1", "-metadir", work.resolve("states").toString()));
        if (model.simulateSeed() != 0) {
            command.addAll(List.of("-simulate", "-depth", "100", "-seed", Long.toString(model.simulateSeed())));
        }
        command.addAll(List.of("-config", "ITFGen.cfg", "ITFGen.tla"));
        try (ForkedJvm tlc = ForkedJvm.start(command, work, out)) {
            tlc.pump(line -> { });
            tlc.waitFor();
        }
        return ItfWriter.fromToolOutput(out, model.constants(), "ITFGen.tla, model " + model.name() + ": "
                + model.description());
    }

    /** TLC runs in the work directory, where a relative classpath entry would name nothing. */
    private static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Regenerates the committed traces: {@code main(<directory>)}. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (Model model : MODELS) {
            ObjectNode itf = generate(model, Files.createTempDirectory("itfgen-"));
            Files.writeString(dir.resolve(model.name() + ".itf.json"), ItfWriter.text(itf), StandardCharsets.UTF_8);
            System.out.println(model.name() + ": " + itf.get("states").size() + " states");
        }
    }
}

package org.bftref.mc.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.Outcome;
import org.bftref.mc.trace.CounterexamplePrinter;

/** Writes target/counterexamples/&lt;model&gt;.txt: a header saying what was violated, then the steps. */
final class CounterexampleWriter {

    private final CounterexamplePrinter printer = new CounterexamplePrinter();

    Path write(Path directory, ModelEntry model, String module, String config, Outcome.Violation violation,
               String rawOutput) {
        String text = new WrittenCounterexample(model.name(), Comparison.describe(violation), model.description(), module,
                config, rawOutput, printer.describe(violation.counterexample())).text();
        Path file = directory.resolve(model.name() + ".txt");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}

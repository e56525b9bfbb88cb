package org.bftref.mc.tlc;

import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.impl.FastTool;
import tlc2.tool.impl.ModelConfig;
import tlc2.util.Vect;
import util.SimpleFilenameToStream;

/**
 * Runs in a JVM of its own, forked like TLC and with the same working directory and library path, before
 * TLC: it lets TLC's own front end (SANY and the spec processor) read the model, and writes down facts that
 * TLC's output does not give us (see {@link ModelFacts}). It explores no state.
 *
 * <p>Usage: {@code ModelInspector <module> <config.cfg> <output file>}. Whatever goes wrong here (a parse
 * error, a missing constant) TLC will report better in a moment; this writes nothing then and exits 1.
 */
public final class ModelInspector {

    private ModelInspector() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ModelInspector <module> <config.cfg> <output file>");
            System.exit(2);
        }
        String module = args[0];
        String config = args[1];
        Path output = Path.of(args[2]);
        try {
            ModelFacts facts = inspect(module, config);
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                facts.write(out);
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("ModelInspector: " + e);
            System.exit(1);
        }
    }

    private static ModelFacts inspect(String module, String config) {
        String library = System.getProperty("TLA-Library", "");
        SimpleFilenameToStream resolver = new SimpleFilenameToStream(
                library.isEmpty() ? new String[0] : library.split(File.pathSeparator));

        ModelConfig cfg = new ModelConfig(config, resolver);
        cfg.parse();
        List<String> configConstants = new ArrayList<>();
        Vect<?> constants = cfg.getConstants();
        for (int i = 0; i < constants.size(); i++) {
            configConstants.add(String.valueOf(((Vect<?>) constants.elementAt(i)).elementAt(0)));
        }
        configConstants.addAll(cfg.getOverrides().keySet());
        List<String> configProperties = new ArrayList<>();
        Vect<?> properties = cfg.getProperties();
        for (int i = 0; i < properties.size(); i++) {
            configProperties.add(String.valueOf(properties.elementAt(i)));
        }

        // FastTool wants the config name without ".cfg", as TLC's -config does internally.
        String configBase = config.endsWith(".cfg") ? config.substring(0, config.length() - 4) : config;
        FastTool tool = new FastTool(module, configBase, resolver);
        ModuleNode root = tool.getRootModule();
        List<String> declared = Arrays.stream(root.getConstantDecls())
                .map(OpDeclNode::getName).map(Object::toString).toList();
        List<String> definitions = Arrays.stream(root.getOpDefs())
                .map(OpDefNode::getName).map(Object::toString).toList();
        return new ModelFacts(declared, definitions, configConstants, configProperties,
                Arrays.asList(tool.getImpliedTemporalNames()), Arrays.asList(tool.getImpliedActNames()));
    }
}

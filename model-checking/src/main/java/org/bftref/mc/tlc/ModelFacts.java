package org.bftref.mc.tlc;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What {@link ModelInspector} learnt about a model before TLC runs: the names the spec declares and defines,
 * the names the config assigns, and which of the config's properties are temporal (liveness) ones.
 *
 * @param impliedTemporals the liveness parts of the PROPERTIES, as TLC names them
 * @param impliedActions   the [][A]_v parts of the PROPERTIES (TLC names them by source location)
 */
public record ModelFacts(List<String> declaredConstants, List<String> definitions, List<String> configConstants,
                         List<String> configProperties, List<String> impliedTemporals, List<String> impliedActions) {

    public ModelFacts {
        declaredConstants = List.copyOf(declaredConstants);
        definitions = List.copyOf(definitions);
        configConstants = List.copyOf(configConstants);
        configProperties = List.copyOf(configProperties);
        impliedTemporals = List.copyOf(impliedTemporals);
        impliedActions = List.copyOf(impliedActions);
    }

    /**
     * Constants the config assigns that the spec neither declares nor defines. TLC 2.18 silently ignores
     * them, so a typo in a constant's name would otherwise go unnoticed.
     */
    public List<String> undefinedConfigConstants() {
        return configConstants.stream()
                .filter(c -> !declaredConstants.contains(c) && !definitions.contains(c))
                .toList();
    }

    public boolean checksLiveness() {
        return !impliedTemporals.isEmpty();
    }

    // A properties file, one comma-separated list per key: TLA+ identifiers contain no commas. Source
    // locations ("line 8, col 20 to ...") do, so those lists are separated by a newline instead.

    void write(Writer out) throws IOException {
        Properties p = new Properties();
        p.setProperty("declaredConstants", String.join(",", declaredConstants));
        p.setProperty("definitions", String.join(",", definitions));
        p.setProperty("configConstants", String.join(",", configConstants));
        p.setProperty("configProperties", String.join(",", configProperties));
        p.setProperty("impliedTemporals", String.join("\n", impliedTemporals));
        p.setProperty("impliedActions", String.join("\n", impliedActions));
        p.store(out, "bftref ModelInspector");
    }

    static ModelFacts read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return new ModelFacts(split(p, "declaredConstants", ","), split(p, "definitions", ","),
                split(p, "configConstants", ","), split(p, "configProperties", ","),
                split(p, "impliedTemporals", "\n"), split(p, "impliedActions", "\n"));
    }

    private static List<String> split(Properties p, String key, String separator) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("model facts lack " + key);
        }
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(separator));
    }
}

package org.bftref.mc.manifest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model of the manifest. Optional fields are null when absent; the runner applies the defaults
 * (workers from the command line or 2, heap 4g, no extra TLC flags, 1800 s).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelEntry(String name, String module, String config, List<String> suites, String description,
                         Integer workers, String heap, List<String> tlcArgs, Integer timeoutSeconds,
                         Expectation expect) {

    public static final Set<String> SUITES = Set.of("quick", "full");
    /** A JVM -Xmx size: digits and an optional k, m or g. */
    public static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelEntry {
        requireText(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field \"name\": \"" + name
                    + "\" must be letters, digits, '.', '_' or '-' (it names files under target/)");
        }
        requireText(module, "module");
        if (module.endsWith(".tla")) {
            throw new IllegalArgumentException("field \"module\": give the module name without .tla");
        }
        requireText(config, "config");
        if (suites == null || suites.isEmpty()) {
            throw new IllegalArgumentException("missing required field \"suites\" (quick and/or full)");
        }
        for (String suite : suites) {
            if (!SUITES.contains(suite)) {
                throw new IllegalArgumentException("field \"suites\": \"" + suite + "\" is neither quick nor full");
            }
        }
        suites = List.copyOf(suites);
        requireText(description, "description");
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("field \"workers\" must be at least 1");
        }
        if (heap != null && !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("field \"heap\": \"" + heap + "\" is not a JVM heap size like 4g or 512m");
        }
        tlcArgs = tlcArgs == null ? null : List.copyOf(tlcArgs);
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("field \"timeoutSeconds\" must be at least 1");
        }
        if (expect == null) {
            throw new IllegalArgumentException("missing required field \"expect\"");
        }
    }

    public boolean inSuite(String suite) {
        return suites.contains(suite);
    }

    public Optional<Integer> workersIfSet() {
        return Optional.ofNullable(workers);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field \"" + field + "\"");
        }
    }
}

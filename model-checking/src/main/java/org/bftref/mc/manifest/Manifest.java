package org.bftref.mc.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * model-checking/manifest.json: every model, its suites and the result it is expected to give.
 *
 * <p>Any problem is reported as one line {@code file:line:column: models[2].expect: what is wrong}; the
 * location is where Jackson was when it noticed, which for a missing field is the end of its object.
 */
public record Manifest(List<ModelEntry> models) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Manifest {
        if (models == null) {
            throw new IllegalArgumentException("missing required field \"models\"");
        }
        models = List.copyOf(models);
        Set<String> names = new HashSet<>();
        for (ModelEntry model : models) {
            if (!names.add(model.name())) {
                throw new IllegalArgumentException("two models are named \"" + model.name() + "\"");
            }
        }
    }

    /** Reads and validates the manifest; {@code display} is how to name the file in messages. */
    public static Manifest load(Path file, String display) throws ManifestException {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(display + ": file not found");
        } catch (IOException e) {
            throw new ManifestException(display + ": cannot read: " + e.getMessage());
        }
        try {
            Manifest manifest = MAPPER.readValue(json, Manifest.class);
            if (manifest == null) {
                throw new ManifestException(display + ": empty file; expected {\"models\": [...]}");
            }
            return manifest;
        } catch (JsonProcessingException e) {
            throw new ManifestException(describe(e, display, json));
        }
    }

    public List<ModelEntry> inSuite(String suite) {
        return models.stream().filter(m -> m.inSuite(suite)).toList();
    }

    public Optional<ModelEntry> byName(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return models.stream().map(ModelEntry::name).toList();
    }

    private static String describe(JsonProcessingException e, String display, String json) {
        JsonLocation at = e.getLocation();
        String where = display + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": ";
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            String message = syntax.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceAll(" \\(start marker at \\[Source.*$", "");
            return where + "not valid JSON: " + message;
        }
        JsonMappingException mapping = (JsonMappingException) e;
        String path = path(mapping);
        String field = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : " (known: " + unknown.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + ": " : "";
            return display + ":" + lineOfField(json, unknown.getPropertyName(), at) + ": " + parent
                    + "unknown field \"" + unknown.getPropertyName() + "\"" + known;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return where + field + invalid.getMessage();
        }
        if (e instanceof MismatchedInputException mismatch) {
            return where + field + "expected " + describeType(mismatch.getTargetType());
        }
        return where + field + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException syntax) {
                return syntax;
            }
        }
        return null;
    }

    /**
     * Jackson reports an unknown field of a record at the end of its object (it buffers the fields until
     * it can call the constructor); point at the field itself: its last occurrence before that position.
     */
    private static String lineOfField(String json, String name, JsonLocation end) {
        int limit = end == null || end.getCharOffset() < 0 ? json.length() : (int) Math.min(json.length(), end.getCharOffset());
        int index = json.lastIndexOf("\"" + name + "\"", limit);
        if (index < 0) {
            return end == null ? "?" : end.getLineNr() + ":" + end.getColumnNr();
        }
        String before = json.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (index - before.lastIndexOf('\n'));
    }

    /** "models[1].expect.distinct" from Jackson's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describeType(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}

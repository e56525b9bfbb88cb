package org.bftref.mc.trace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the values TLC prints in a trace ({@code /\ var = <value>}). TLC breaks long values over several
 * lines and indents the continuation; whitespace is insignificant outside strings, so the caller may pass the
 * lines joined as they are.
 *
 * <p>A value the grammar does not cover is returned as {@link TlaValue.Unparsed} rather than failing: a
 * counterexample is most needed exactly when something unusual happened, and the raw text is still useful.
 */
public final class TlaValueParser {

    private final String text;
    private int pos;

    private TlaValueParser(String text) {
        this.text = text;
    }

    public static TlaValue parse(String text) {
        TlaValueParser parser = new TlaValueParser(text);
        try {
            TlaValue value = parser.value();
            parser.skipSpace();
            if (parser.pos != text.length()) {
                throw parser.error("unexpected text after value");
            }
            return value;
        } catch (IllegalArgumentException e) {
            return new TlaValue.Unparsed(text.strip().replaceAll("\\s+", " "));
        }
    }

    private TlaValue value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("value expected");
        }
        char c = text.charAt(pos);
        if (text.startsWith("<<", pos)) {
            pos += 2;
            return new TlaValue.Seq(list(">>"));
        }
        if (c == '{') {
            pos++;
            return new TlaValue.SetValue(list("}"));
        }
        if (c == '[') {
            return record();
        }
        if (c == '(') {
            return function();
        }
        if (c == '"') {
            return new TlaValue.Str(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            return numberOrInterval();
        }
        if (Character.isLetter(c) || c == '_') {
            String id = identifier();
            return switch (id) {
                case "TRUE" -> new TlaValue.Bool(true);
                case "FALSE" -> new TlaValue.Bool(false);
                default -> new TlaValue.ModelValue(id);
            };
        }
        throw error("unexpected character '" + c + "'");
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> elements = new ArrayList<>();
        skipSpace();
        if (accept(close)) {
            return elements;
        }
        do {
            elements.add(value());
        } while (accept(","));
        expect(close);
        return elements;
    }

    private TlaValue record() {
        expect("[");
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        do {
            skipSpace();
            String field = identifier();
            expect("|->");
            fields.put(field, value());
        } while (accept(","));
        expect("]");
        return new TlaValue.Record(fields);
    }

    private TlaValue function() {
        expect("(");
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        do {
            TlaValue key = value();
            expect(":>");
            mapping.put(key, value());
        } while (accept("@@"));
        expect(")");
        return new TlaValue.Function(mapping);
    }

    private String string() {
        expect("\"");
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                sb.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'f' -> '\f';
                    default -> escaped;
                });
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private TlaValue numberOrInterval() {
        BigInteger low = integer();
        if (accept("..")) {
            skipSpace();
            return new TlaValue.Interval(low, integer());
        }
        return new TlaValue.Int(low);
    }

    private BigInteger integer() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start || text.charAt(pos - 1) == '-') {
            throw error("integer expected");
        }
        return new BigInteger(text.substring(start, pos));
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start) {
            throw error("identifier expected");
        }
        return text.substring(start, pos);
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("'" + token + "' expected");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + pos);
    }
}

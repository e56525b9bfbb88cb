package org.bftref.report;

import java.util.List;
import java.util.stream.Collectors;

import org.bftref.report.SequenceDiagram.Divider;
import org.bftref.report.SequenceDiagram.Element;
import org.bftref.report.SequenceDiagram.Event;
import org.bftref.report.SequenceDiagram.Message;
import org.bftref.report.SequenceDiagram.Note;
import org.bftref.report.SequenceDiagram.Participant;

/**
 * Writes a {@link SequenceDiagram} as PlantUML source. Every piece of text from the input goes through
 * {@link #text(String)}, so that nothing in a trace or counterexample can become PlantUML markup.
 *
 * <p>Conventions of the drawing, which the tests and the HTML legend rely on:
 * <ul>
 *   <li>lifelines are {@code replica <id>}, faulty ones {@code replica <id> (Byzantine)} (the long name keeps the
 *       lifelines apart) on {@link #BYZANTINE_FILL};</li>
 *   <li>a multicast is one labelled arrow plus unlabelled arrows at the same height (teoz's {@code &}), so that
 *       a run of n = 4 or 7 stays one row per message;</li>
 *   <li>every label and note starts with {@code [k]}, the event's number in the input; a message's label goes on
 *       with {@code R<sender>:}, a note on one lifeline with {@code R<id>};</li>
 *   <li>the highlighted event's arrows are {@link #HIGHLIGHT_COLOR}, its notes and the note that explains it are
 *       on {@link #HIGHLIGHT_FILL}; nothing else uses these colours.</li>
 * </ul>
 */
public final class PlantUmlWriter {

    /** Arrows and labels of the highlighted event. Six distinct digits, so PlantUML writes it as is in the SVG. */
    public static final String HIGHLIGHT_COLOR = "#D00000";
    /** Notes of the highlighted event and the note that says why it is highlighted. */
    public static final String HIGHLIGHT_FILL = "#FFB3B3";
    /** Lifeline heads of faulty replicas. */
    public static final String BYZANTINE_FILL = "#FFD8A8";
    /** Notes on a replica's lifeline (execution, checkpoints, restarts). */
    static final String NOTE_FILL = "#FFF8DC";

    private PlantUmlWriter() {
    }

    public static String write(SequenceDiagram d) {
        StringBuilder out = new StringBuilder();
        out.append("@startuml\n");
        // teoz draws "&" arrows at the same height: a multicast takes one row, not n - 1.
        out.append("!pragma teoz true\n");
        out.append("skinparam shadowing false\n");
        out.append("skinparam defaultFontName sans-serif\n");
        // Labels start at the sender's end of the arrow.
        out.append("skinparam sequenceMessageAlign direction\n");
        out.append("title ").append(text(d.title())).append('\n');
        List<Participant> participants = d.participants().isEmpty()
                ? List.of(new Participant(0, "spec", false)) : d.participants();
        for (Participant p : participants) {
            out.append("participant \"").append(text(p.name()).replace("\"", "'")).append("\" as ").append(p.alias());
            if (p.byzantine()) {
                out.append(' ').append(BYZANTINE_FILL);
            }
            out.append('\n');
        }
        String all = across(participants);
        for (String note : d.headerNotes()) {
            out.append("note over ").append(all).append(" : ").append(text(note)).append('\n');
        }
        if (d.omittedBefore() > 0) {
            out.append("... ").append(text(count(d.omittedBefore(), "earlier event") + " left out")).append(" ...\n");
        }
        for (Event e : d.events()) {
            boolean hot = d.highlight() != null && d.highlight().event() == e.number();
            for (Element el : e.elements()) {
                if (el instanceof Message) {
                    message(out, e.number(), (Message) el, hot);
                } else if (el instanceof Note) {
                    Note n = (Note) el;
                    out.append("hnote over ").append(n.over().isEmpty() ? all : aliases(n.over()))
                            .append(' ').append(hot ? HIGHLIGHT_FILL : NOTE_FILL).append(" : ")
                            .append(text("[" + e.number() + "] " + (n.over().size() == 1 ? "R" + n.over().get(0) + " " : "")
                                    + n.text())).append('\n');
                } else {
                    out.append("== ").append(text(((Divider) el).text()).replace("=", "-")).append(" ==\n");
                }
            }
            if (hot) {
                String over = e.replica() >= 0 && participants.stream().anyMatch(p -> p.id() == e.replica())
                        ? "r" + e.replica() : all;
                out.append("note over ").append(over).append(' ').append(HIGHLIGHT_FILL).append(" : ")
                        .append(text(d.highlight().text())).append('\n');
            }
        }
        if (d.omittedAfter() > 0) {
            out.append("... ").append(text(count(d.omittedAfter(), "later event") + " left out")).append(" ...\n");
        }
        for (String note : d.footerNotes()) {
            out.append("note over ").append(all).append(" : ").append(text(note)).append('\n');
        }
        out.append("@enduml\n");
        return out.toString();
    }

    private static void message(StringBuilder out, int number, Message m, boolean hot) {
        String arrow = hot ? " -[" + HIGHLIGHT_COLOR + ",bold]> " : " -> ";
        boolean first = true;
        for (int to : m.to()) {
            if (!first) {
                out.append("& ");
            }
            out.append('r').append(m.from()).append(arrow).append('r').append(to);
            if (first) {
                String label = text("[" + number + "] R" + m.from() + ": " + m.label());
                out.append(" : ").append(hot ? "<color:" + HIGHLIGHT_COLOR + ">" + label + "</color>" : label);
            }
            out.append('\n');
            first = false;
        }
    }

    private static String across(List<Participant> participants) {
        Participant first = participants.get(0);
        Participant last = participants.get(participants.size() - 1);
        return first == last ? first.alias() : first.alias() + ", " + last.alias();
    }

    /** A note over a set of replicas spans from the leftmost to the rightmost (PlantUML draws one box). */
    private static String aliases(List<Integer> ids) {
        int lo = ids.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int hi = ids.stream().mapToInt(Integer::intValue).max().orElseThrow();
        return lo == hi ? "r" + lo : "r" + lo + ", r" + hi;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /**
     * Text from the input made inert for PlantUML, on one line. A backslash becomes {@code <U+005C>} (PlantUML reads {@code \n}
     * and {@code \t} even after a doubled backslash); a doubled creole character ({@code **}, {@code //}, {@code --}, {@code __}, {@code ""}) gets
     * the escape {@code ~}, since doubled they mean bold, italic and so on, and {@code ~} itself is doubled; a {@code <} that could
     * open a markup tag becomes {@code ‹}; a line break becomes PlantUML's {@code \n}. PlantUML shows TLA+'s
     * {@code <<} and {@code >>} as the guillemets « and », which reads the same.
     */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c == '\\') {
                sb.append("<U+005C>");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r' || c == '\t' || Character.isISOControl(c)) {
                sb.append(' ');
            } else if (c == '~') {
                sb.append("~~");
            } else if ("*/-_\"".indexOf(c) >= 0 && next == c) {
                sb.append('~').append(c);
            } else if (c == '<' && next != '<' && (i == 0 || s.charAt(i - 1) != '<')) {
                sb.append('\u2039');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

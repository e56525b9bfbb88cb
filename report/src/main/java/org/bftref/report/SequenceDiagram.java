package org.bftref.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sequence diagram of a protocol run, independent of how it is drawn: replicas as participants, and the run as a
 * list of events (a trace's events, a counterexample's steps), each made of messages, notes and dividers. An
 * event keeps its number in the input, so that a diagram cut to a window still says "event 19" where the input
 * does. {@link PlantUmlWriter} turns it into PlantUML source.
 *
 * @param title         one line above the diagram
 * @param participants  the replicas, in the order of their lifelines
 * @param events        the events drawn, in order
 * @param highlight     the event to draw in red with a note saying why (the first rejected event, the state that
 *                      violates an invariant); null for none
 * @param headerNotes   notes drawn across all lifelines before the first event (what the input was)
 * @param footerNotes   notes drawn across all lifelines after the last event (how a counterexample ends)
 * @param omittedBefore how many events of the input come before the first event drawn
 * @param omittedAfter  how many come after the last one drawn
 */
public record SequenceDiagram(String title, List<Participant> participants, List<Event> events, Highlight highlight,
                              List<String> headerNotes, List<String> footerNotes, int omittedBefore,
                              int omittedAfter) {

    /** The default window: about 60 events keeps a multicast-heavy run readable on one screen's width of scrolling. */
    public static final int DEFAULT_WINDOW = 60;

    public SequenceDiagram {
        Objects.requireNonNull(title, "title");
        participants = List.copyOf(participants);
        events = List.copyOf(events);
        headerNotes = List.copyOf(headerNotes);
        footerNotes = List.copyOf(footerNotes);
        if (omittedBefore < 0 || omittedAfter < 0) {
            throw new IllegalArgumentException("omitted counts must not be negative");
        }
        if (highlight != null && events.stream().noneMatch(e -> e.number() == highlight.event())
                && omittedBefore + omittedAfter == 0) {
            throw new IllegalArgumentException("highlighted event " + highlight.event() + " is not in the diagram");
        }
    }

    /**
     * One replica's lifeline.
     *
     * @param id        the replica id; the lifeline's PlantUML alias is {@code r<id>}
     * @param name      what the lifeline is labelled with
     * @param byzantine whether the replica is faulty (it does not log; the specs let it send anything it can sign)
     */
    public record Participant(int id, String name, boolean byzantine) {
        public String alias() {
            return "r" + id;
        }
    }

    /** What an event draws. */
    public sealed interface Element permits Message, Note, Divider {
    }

    /**
     * A message from one replica to each of {@code to}: one arrow per receiver, all with this label. A multicast is
     * one message with several receivers.
     */
    public record Message(int from, List<Integer> to, String label) implements Element {
        public Message {
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("a message needs a receiver");
            }
            if (to.contains(from)) {
                throw new IllegalArgumentException("replica " + from + " does not send to itself");
            }
        }
    }

    /** A note on the lifelines of {@code over}, or across all lifelines when {@code over} is empty. */
    public record Note(List<Integer> over, String text) implements Element {
        public Note {
            over = List.copyOf(over);
        }
    }

    /** A horizontal divider across the diagram: a view change starts, a new view begins. */
    public record Divider(String text) implements Element {
    }

    /**
     * One event of the input.
     *
     * @param number     its number in the input (trace event k, counterexample step k)
     * @param replica    the replica that took the step, or -1 when none did (a client request in a model)
     * @param where      where it is in the input ({@code file:line}); for people
     * @param elements   what it draws
     * @param viewChange whether it starts a view change (a VIEW-CHANGE sent); a window is placed around the first
     */
    public record Event(int number, int replica, String where, List<Element> elements, boolean viewChange) {
        public Event {
            elements = List.copyOf(elements);
        }
    }

    /** The event drawn in red, and the note that says why. */
    public record Highlight(int event, String text) {
    }

    /** The number of arrows: a multicast to three replicas counts three. */
    public int arrowCount() {
        int count = 0;
        for (Event e : events) {
            for (Element el : e.elements()) {
                if (el instanceof Message) {
                    count += ((Message) el).to().size();
                }
            }
        }
        return count;
    }

    /**
     * This diagram cut to at most {@code size} events. The window is placed around the highlighted event if there is
     * one (half of the window before it: what led to it matters most), else around the first event that starts a
     * view change (a quarter before it, so that the new view fits too), else at the start. Events left out are
     * counted in {@link #omittedBefore} and {@link #omittedAfter}, which the drawing states in notes.
     */
    public SequenceDiagram window(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window must be at least 1 event, not " + size);
        }
        if (events.size() <= size) {
            return this;
        }
        int center = -1;
        int before = 0;
        if (highlight != null) {
            center = indexOf(highlight.event());
            before = size / 2;
        }
        if (center < 0) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).viewChange()) {
                    center = i;
                    before = size / 4;
                    break;
                }
            }
        }
        int start = center < 0 ? 0 : Math.max(0, Math.min(center - before, events.size() - size));
        int end = start + size;
        return new SequenceDiagram(title, participants, new ArrayList<>(events.subList(start, end)), highlight,
                headerNotes, footerNotes, omittedBefore + start, omittedAfter + (events.size() - end));
    }

    private int indexOf(int number) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).number() == number) {
                return i;
            }
        }
        return -1;
    }
}

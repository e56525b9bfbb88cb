package org.bftref.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --byzantine [ID=]STRATEGY} option of simulate, demo and run: one parser, so the three commands read
 * the same text the same way. A bare strategy applies to replica 0, the primary of view 0 (the replica whose
 * faults matter most); the strategy's case does not matter; naming a replica twice is an error, since only one
 * strategy can win and silently dropping the other would hide a typo. Ids are not range-checked here: that
 * needs n, which the command checks later with the rest of its options.
 *
 * <p>Simulate and run know different strategies (the simulator's {@code Strategy}, the runtime's
 * {@code ByzantineStrategy}), so the enum and the message for an unknown name are the caller's.
 */
final class ByzantineOption {

    private ByzantineOption() {
    }

    /** The one-line message for a strategy name the enum does not have. */
    @FunctionalInterface
    interface UnknownStrategy {
        String message(String value, String name);
    }

    /**
     * Parses the values in order, by replica id.
     *
     * @throws IllegalArgumentException with a one-line message naming the value: an id that is not a number, an
     *                                  unknown strategy ({@code unknown}'s message), or a replica named twice
     */
    static <E extends Enum<E>> Map<Integer, E> parse(List<String> values, Class<E> strategies,
                                                     UnknownStrategy unknown) {
        Map<Integer, E> faulty = new TreeMap<>();
        for (String b : values) {
            String[] parts = b.split("=", 2);
            int id = 0;
            String name = parts[parts.length - 1].trim();
            if (parts.length == 2) {
                try {
                    id = Integer.parseInt(parts[0].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--byzantine " + b + ": '" + parts[0] + "' is not a replica id");
                }
            }
            E strategy;
            try {
                strategy = Enum.valueOf(strategies, name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(unknown.message(b, name));
            }
            if (faulty.put(id, strategy) != null) {
                throw new IllegalArgumentException("--byzantine: replica " + id + " named twice");
            }
        }
        return faulty;
    }
}

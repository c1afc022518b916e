package dev.kafkaspark.internal.web;

import java.util.List;

/**
 * What the page's buttons may do: the same code as the scheduled {@code --kill-broker}, {@code --restart-broker} and
 * {@code --restart-stream}. Each call returns at once; the step runs on the demo's own scenario thread and is
 * narrated like a scheduled one.
 */
public interface PageActions {

    /** No buttons: the page only watches (the {@code web} command, a single broker). */
    PageActions NONE = new PageActions() {
        @Override
        public List<String> available() {
            return List.of();
        }

        @Override
        public String run(String action, int broker) {
            throw new IllegalArgumentException("this page has no buttons");
        }
    };

    /** The actions this run offers: {@code stop-broker}, {@code start-broker}, {@code restart-stream}. */
    List<String> available();

    /**
     * Asks for an action.
     *
     * @param broker the broker it acts on ({@code -1} for the stream)
     * @return what the page says it will do
     * @throws IllegalArgumentException when the action does not apply now (named in the message)
     */
    String run(String action, int broker);
}

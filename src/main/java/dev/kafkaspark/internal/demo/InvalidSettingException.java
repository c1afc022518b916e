package dev.kafkaspark.internal.demo;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A demo setting with a value that cannot work. The problem names settings as {@code {partitions}}, so each caller can
 * show them in its own words: the library as the setting's name, the command line as its option ({@code --partitions}).
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final Pattern NAME = Pattern.compile("\\{([a-z-]+)}");

    private final String template;

    InvalidSettingException(String template) {
        super(render(template, name -> name.replace('-', ' ')));
        this.template = template;
    }

    /** The problem with every setting named by {@code naming} (given the setting's name, such as {@code kill-broker}). */
    public String message(UnaryOperator<String> naming) {
        return render(template, naming);
    }

    private static String render(String template, UnaryOperator<String> naming) {
        Matcher m = NAME.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(naming.apply(m.group(1))));
        }
        return m.appendTail(b).toString();
    }
}

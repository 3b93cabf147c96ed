package dev.openpanel.camel.config;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import dev.openpanel.camel.component.error.OpenPanelErrors;

/**
 * Recognises a route file that cannot be loaded (a YAML file of {@code camel.main.routes-include-pattern} that does
 * not parse, or a step the YAML DSL does not know) and says so in one sentence with the file, line and column: a
 * configuration error (exit 2), not a failure of the work.
 */
public final class RouteFileErrors {

    private RouteFileErrors() {
    }

    /** The sentence for a route file problem in the failure's cause chain, or null when there is none. */
    public static String sentence(Throwable failure) {
        MarkedYamlEngineException yaml = OpenPanelErrors.find(failure, MarkedYamlEngineException.class);
        if (yaml == null) {
            return null;
        }
        Mark mark = yaml.getProblemMark().or(yaml::getContextMark).orElse(null);
        String problem = yaml.getProblem() == null ? yaml.getClass().getSimpleName() : yaml.getProblem().strip();
        if (mark == null) {
            return "a route file cannot be loaded: " + problem + ".";
        }
        return "the route file " + mark.getName().replaceFirst("^file:", "") + " cannot be loaded: " + problem + " at line "
                + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                + "; fix it, or move it out of the routes folder (camel.main.routes-include-pattern).";
    }
}

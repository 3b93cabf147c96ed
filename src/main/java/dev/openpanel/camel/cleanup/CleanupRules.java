package dev.openpanel.camel.cleanup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.config.Durations;

/**
 * Reads {@code config/cleanup.yaml} strictly: a file that does not parse, an unknown key, a bad regex, an unknown
 * resource or a rule without conditions stops the run with a message naming the rule and the field. Name patterns are
 * compiled with RE2/J, whose matching time grows linearly with the name: no pattern can hang a run, and the few
 * constructs that need backtracking (backreferences, lookahead and lookbehind) are refused.
 *
 * <pre>{@code
 * rules:
 *   - name: preview projects older than 14 days
 *     resource: projects
 *     where: { name: "^preview-", olderThan: 14d }
 * }</pre>
 */
public final class CleanupRules {

    private static final String CLASSPATH = "classpath:";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> RULE_KEYS = Set.of("name", "resource", "where", "matchAll");
    /** Names a pattern that matches every name also matches; "" and "^" and ".*" match them all. */
    private static final List<String> PROBE_NAMES = List.of("", "a", "Z9 -_.\u00e9\u65e5", "\n");
    private static final Set<String> WHERE_KEYS = Set.of("name", "olderThan", "projectId", "type");

    private CleanupRules() {
    }

    /** The rules of a file: a path, or {@code classpath:...} for rules packaged in the jar. */
    public static List<CleanupRule> load(String file) {
        return parse(file, read(file, "openpanel.cleanup.rules"), "delete");
    }

    /**
     * The rules of another job's file in the same format (rotation rules): {@code key} is its setting, {@code verb}
     * what its rules do to what they match, for messages.
     */
    public static List<CleanupRule> load(String file, String key, String verb) {
        return parse(file, read(file, key), verb);
    }

    /** The text of a rules file. */
    static String read(String file) {
        return read(file, "openpanel.cleanup.rules");
    }

    private static String read(String file, String key) {
        if (file.startsWith(CLASSPATH)) {
            try (InputStream packaged = CleanupRules.class.getClassLoader().getResourceAsStream(file.substring(CLASSPATH.length()))) {
                if (packaged == null) {
                    throw new InvalidRulesException("the rules file " + file + " does not exist (" + key + ")");
                }
                return new String(packaged.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidRulesException("the rules file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            return Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new InvalidRulesException("the rules file " + file + " does not exist (" + key + ")");
        } catch (IOException e) {
            throw new InvalidRulesException("the rules file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The rules in the text of a rules file (the file only names it in messages). */
    static List<CleanupRule> parse(String file, String text) {
        return parse(file, text, "delete");
    }

    private static List<CleanupRule> parse(String file, String text, String verb) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException("the rules file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject() || !root.has("rules") || !root.get("rules").isArray()) {
            throw new InvalidRulesException("the rules file " + file + " must have a list 'rules:'");
        }
        unknownKeys(root, Set.of("rules"), "the rules file");
        List<CleanupRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : root.get("rules")) {
            rules.add(rule(rule, ++index, verb));
        }
        return List.copyOf(rules);
    }

    private static CleanupRule rule(JsonNode rule, int index, String verb) {
        String label = "rule " + index;
        if (!rule.isObject()) {
            throw new InvalidRulesException(label + " must be a map with name, resource and where");
        }
        String name = text(rule, "name");
        if (name == null || name.isBlank()) {
            throw new InvalidRulesException(label + ": field 'name' is required");
        }
        label = "rule " + index + " ('" + name + "')";
        unknownKeys(rule, RULE_KEYS, label);
        OpenPanelResource resource;
        try {
            resource = OpenPanelResource.parse(text(rule, "resource"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(label + ", field 'resource': " + e.getMessage().replace("OpenPanel resource", "resource"));
        }
        JsonNode matchAllNode = rule.get("matchAll");
        if (matchAllNode != null && !matchAllNode.isBoolean()) {
            throw new InvalidRulesException(label + ", field 'matchAll': true or false, got '" + matchAllNode.asText() + "'");
        }
        boolean matchAll = matchAllNode != null && matchAllNode.booleanValue();
        JsonNode where = rule.get("where");
        if (matchAll && (where == null || where.isNull() || where.isObject() && where.isEmpty())) {
            return new CleanupRule(name, resource, null, null, null, null);
        }
        if (where == null || !where.isObject() || where.isEmpty()) {
            throw new InvalidRulesException(label + ", field 'where': at least one condition is required ("
                    + String.join(", ", WHERE_KEYS.stream().sorted().toList()) + "), or matchAll: true for a rule that means"
                    + " every " + resource.singular());
        }
        unknownKeys(where, WHERE_KEYS, label + ", field 'where'");
        Pattern pattern = null;
        if (where.has("name")) {
            try {
                pattern = Pattern.compile(text(where, "name"));
            } catch (PatternSyntaxException e) {
                throw new InvalidRulesException(label + ", field 'where.name': not a valid regular expression: "
                        + e.getMessage().replaceFirst("^error parsing regexp: ", "")
                        + " (RE2 syntax: no backreferences, lookahead or lookbehind)");
            }
        }
        Duration olderThan = null;
        if (where.has("olderThan")) {
            try {
                olderThan = Durations.parse(text(where, "olderThan"));
            } catch (IllegalArgumentException e) {
                throw new InvalidRulesException(label + ", field 'where.olderThan': " + e.getMessage());
            }
        }
        ClientType type = null;
        if (where.has("type")) {
            if (resource != OpenPanelResource.CLIENTS) {
                throw new InvalidRulesException(label + ", field 'where.type': only client rules have a type");
            }
            try {
                type = ClientType.parse(text(where, "type"));
            } catch (IllegalArgumentException e) {
                throw new InvalidRulesException(label + ", field 'where.type': " + e.getMessage());
            }
        }
        String projectId = text(where, "projectId");
        if (!matchAll && olderThan == null && projectId == null && type == null && matchesEveryName(pattern)) {
            throw new InvalidRulesException(label + ", field 'where.name': the pattern '" + text(where, "name") + "' matches every "
                    + resource.singular() + "'s name, so the rule would " + verb + " them all; narrow it, or say matchAll: true if"
                    + " that is what you want");
        }
        return new CleanupRule(name, resource, pattern, olderThan, projectId, type);
    }

    private static boolean matchesEveryName(Pattern pattern) {
        return pattern != null && PROBE_NAMES.stream().allMatch(probe -> pattern.matcher(probe).find());
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String label) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String key = names.next();
            if (!known.contains(key)) {
                throw new InvalidRulesException(label + ": unknown key '" + key + "' (expected "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

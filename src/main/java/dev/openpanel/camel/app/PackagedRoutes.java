package dev.openpanel.camel.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/**
 * The packaged route files, named one by one when they are in a jar. Camel finds the files of a wildcard such as
 * {@code classpath:openpanel-defaults/routes/*.camel.yaml} in a jar by reading the whole jar through (about 1.5 s for
 * this one, on every start from a directory without {@code routes/}), but loads a file it is given by name at once; the
 * names come from the jar's own index. Anything else (a directory, a file pattern) is left as it is.
 */
final class PackagedRoutes {

    private static final String FOLDER = ConfigLocation.PACKAGED.substring("classpath:".length()) + "routes/";
    private static final String SUFFIX = ".camel.yaml";
    static final String PATTERN = ConfigLocation.PACKAGED + "routes/*" + SUFFIX;

    private PackagedRoutes() {
    }

    /** The pattern, or the packaged route files it means by name when they are in this application's jar. */
    static String named(String pattern) {
        Path jar = applicationJar();
        return jar == null ? pattern : named(pattern, jar);
    }

    /** The pattern, or the packaged route files of the jar it means, by name (comma-separated, in name order). */
    static String named(String pattern, Path jar) {
        if (!PATTERN.equals(pattern)) {
            return pattern;
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            String names = file.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(FOLDER) && name.endsWith(SUFFIX) && name.indexOf('/', FOLDER.length()) < 0)
                    .sorted().map(name -> "classpath:" + name).collect(Collectors.joining(","));
            return names.isEmpty() ? pattern : names;
        } catch (IOException e) {
            return pattern;
        }
    }

    /** The jar this class was loaded from, or null (a classes directory, as under Maven). */
    private static Path applicationJar() {
        CodeSource source = PackagedRoutes.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}

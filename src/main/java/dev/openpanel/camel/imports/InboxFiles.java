package dev.openpanel.camel.imports;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.logging.InputEcho;

/**
 * The file filter of every inbox route (bean {@value #BEAN}), so that every file that appears in an inbox gets an
 * outcome. A file {@link InboxFileCheck} finds nothing wrong with goes on to the import. Any other is never read: once
 * it has not changed for the read-lock interval (a writer may still be busy with it), it is moved (a link: the link
 * itself, never its target) to {@code .failed/} under a safe name ({@link SafeFileNames}), with
 * {@code errors/<safe name>.errors.csv} giving the reason, and logged.
 *
 * <p>It is a filter of the file consumer rather than a step of the route because the consumer rewrites a name's
 * backslashes into path separators before any step runs (and would create its lock file at that other path).
 */
public final class InboxFiles implements GenericFileFilter<File> {

    /** Registry name of the bean. */
    public static final String BEAN = "inboxFiles";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    private final Supplier<DataDirectory> data;
    private final Supplier<OpenPanelMetrics> metrics;
    private final Duration quiet;
    private final Clock clock;

    /**
     * @param data  the data directory (for the errors file)
     * @param quiet how long a refused file must stay unchanged before it is moved
     */
    public InboxFiles(Supplier<DataDirectory> data, Supplier<OpenPanelMetrics> metrics, Duration quiet, Clock clock) {
        this.data = data;
        this.metrics = metrics;
        this.quiet = quiet;
        this.clock = clock;
    }

    /** Whether the file may be imported; a file that may not is moved to {@code .failed/} with the reason, once quiet. */
    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath();
        String reason = InboxFileCheck.refusal(path);
        if (reason == null) {
            return true;
        }
        if (isQuiet(path)) {
            refuse(path, reason);
        }
        return false;
    }

    /**
     * What the file consumer never lists: folders (and links to folders) in an inbox other than {@code .done/} and
     * {@code .failed/}, and names ending in {@code .camelLock}. Each is moved to {@code .failed/} with the reason once it has not changed for the read-lock
     * interval, so nothing sits in an inbox without an outcome. Run by the route {@code import-inbox-sweep}.
     */
    public void sweep() {
        for (ImportKind kind : ImportKind.values()) {
            Path inbox = data.get().inbox(kind.value());
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    boolean folder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                    boolean linkToFolder = Files.isSymbolicLink(entry) && Files.isDirectory(entry);
                    // the consumer skips names ending in .camelLock; the service writes no such markers, so any is foreign
                    boolean lockName = name.toLowerCase(Locale.ROOT).endsWith(".camellock");
                    if ((folder && !name.equals(".done") && !name.equals(".failed") || linkToFolder || lockName) && isQuiet(entry)) {
                        refuse(entry, InboxFileCheck.refusal(entry));
                    }
                }
            } catch (IOException e) {
                LOG.warn("Inbox {} cannot be listed: {}", inbox, e.toString());
            }
        }
    }

    private boolean isQuiet(Path path) {
        try {
            Instant changed = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
            return !changed.isAfter(clock.instant().minus(quiet));
        } catch (IOException e) {
            return false;
        }
    }

    private void refuse(Path file, String reason) {
        String original = file.getFileName().toString();
        String safe = SafeFileNames.of(original);
        String name = safe.replaceFirst("(?i)\\.csv$", "");
        try {
            ImportOutputs outputs = new ImportOutputs(data.get());
            outputs.writeRejected(name, InputEcho.quoted(original), reason);
            Path moved = moveToFailed(file, safe);
            metrics.get().fileRejected(file.getParent().getFileName().toString(), "refused");
            LOG.warn("Inbox file '{}' in {} not imported: {}; moved to {}, reason in {}", InputEcho.quoted(original),
                    file.getParent(), reason, moved, outputs.errorsFile(name));
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Inbox file '{}' in {} not imported: {}; it cannot be moved to .failed/ ({}), so it stays in the inbox",
                    InputEcho.quoted(original), file.getParent(), reason, e.toString());
        }
    }

    private static Path moveToFailed(Path file, String safe) throws IOException {
        Path failed = PrivateFiles.createDirectories(file.resolveSibling(".failed"));
        Path destination = failed.resolve(safe);
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            destination = failed.resolve(Instant.now().toString().replace(":", "") + "-" + safe);
        }
        return PrivateFiles.moveIn(file, destination);
    }
}

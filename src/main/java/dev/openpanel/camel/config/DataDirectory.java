package dev.openpanel.camel.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.files.PermissionRepair;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.secrets.SecretFiles;
import dev.openpanel.camel.state.FileJournalStore;
import dev.openpanel.camel.state.JournalStore;
import dev.openpanel.camel.state.Sha256;

/**
 * The data directory's layout (PRODUCT.md section 5): {@code inbox/<kind>/} drop folders, {@code outbox/},
 * {@code errors/}, {@code secrets/} (written only through {@link SecretFiles}), {@code reports/} and {@code state/}
 * (the tool's own journals and stores). All of it is owner only: folders 0700, files 0600, created so through
 * {@link PrivateFiles}. The jobs' journals are named by their paths under {@code state/} and kept by its
 * {@link #journals() journal store}: files there, or the cluster's database.
 */
public final class DataDirectory {

    /** The CSV drop folders' kinds. */
    public static final String[] INBOX_KINDS = { "projects", "clients", "references" };

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final List<String> FOLDERS = List.of("inbox", "outbox", "errors", "secrets", "reports", "state");

    private final Path root;
    private final SecretFiles secrets;
    private final JournalStore journals;

    /** A data directory whose journals are files under {@code state/}. */
    public DataDirectory(Path root) {
        this(root, new FileJournalStore());
    }

    public DataDirectory(Path root, JournalStore journals) {
        this.root = root.toAbsolutePath().normalize();
        this.secrets = new SecretFiles(this.root);
        this.journals = journals;
    }

    /**
     * Creates every folder of the layout that does not exist yet (0700), and repairs what others could read or write
     * in it, saying so once.
     */
    public DataDirectory create() {
        int tightened = tighten();
        try {
            for (String kind : INBOX_KINDS) {
                PrivateFiles.createDirectories(inbox(kind));
            }
            PrivateFiles.createDirectories(outbox());
            PrivateFiles.createDirectories(errors());
            PrivateFiles.createDirectories(reports());
            PrivateFiles.createDirectories(state());
            secrets.directory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
        if (tightened > 0) {
            LOG.warn("{} folders and files in the data directory {} could be read or written by group or others; they are owner only now",
                    tightened, root);
        }
        return this;
    }

    /**
     * Makes the data directory and everything in its layout's folders owner only (0700 folders, 0600 files), whoever
     * created them; other files beside the layout's folders are not the tool's and are left alone.
     *
     * @return how many folders and files had to change
     */
    public int tighten() {
        int tightened = 0;
        try {
            tightened += PermissionRepair.tighten(root) ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change the permissions of the data directory " + root, e);
        }
        for (String folder : FOLDERS) {
            tightened += PermissionRepair.tree(root.resolve(folder));
        }
        return tightened;
    }

    public Path root() {
        return root;
    }

    /** {@code inbox/<kind>/}: drop CSV files of that kind here. */
    public Path inbox(String kind) {
        return root.resolve("inbox").resolve(kind);
    }

    /** {@code outbox/}: {@code <name>.results.csv}, one line per data row. */
    public Path outbox() {
        return root.resolve("outbox");
    }

    /** {@code errors/}: {@code <name>.errors.csv}, the rows that failed for good. */
    public Path errors() {
        return root.resolve("errors");
    }

    /** {@code reports/}: cleanup reports. */
    public Path reports() {
        return root.resolve("reports");
    }

    /** {@code state/}: journals, idempotency stores, the broker's journal. */
    public Path state() {
        return root.resolve("state");
    }

    /**
     * {@code state/<api>/}: what the jobs remember about the resources of one API (import and event journals), apart
     * from any other API's; {@code <api>} is the URL's host and port with a hash of the whole URL. A sandbox, whose
     * simulator starts empty on a new port each time, so never inherits what was done in an earlier one.
     */
    public Path apiState(String apiUrl) {
        URI uri = URI.create(apiUrl);
        String name = (uri.getHost() == null ? "api" : uri.getHost()) + (uri.getPort() < 0 ? "" : "-" + uri.getPort());
        return state().resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + Sha256.hex(apiUrl).substring(0, 8));
    }

    /** Where the jobs' journals are kept. */
    public JournalStore journals() {
        return journals;
    }

    /** The one writer of secret files, in {@code secrets/}. */
    public SecretFiles secrets() {
        return secrets;
    }
}

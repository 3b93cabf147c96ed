package dev.openpanel.camel.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.logging.SecretMasker;

/**
 * A credential held in a file (a mounted secret): its content, without trailing newline or spaces. Every
 * {@link #get()} looks at the file's attributes (one {@code stat}, cheap next to the API call or HTTP request it
 * serves) and reads the content again only when its modification time, size or identity (a new file renamed over it,
 * as Kubernetes does) changed, so the call after a change uses the new value. When the file cannot be read or is
 * empty after a change, the last value is kept and that is logged once (naming the file, never its content). Secrets
 * read are remembered by the {@link SecretMasker}.
 */
public final class CredentialFile implements Supplier<String> {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialFile.class);

    private final String key;
    private final Path path;
    private final boolean secret;
    private String value;
    private FileTime modified;
    private long size;
    private Object fileKey;
    private boolean failing;

    private CredentialFile(String key, Path path, boolean secret) {
        this.key = key;
        this.path = path;
        this.secret = secret;
    }

    /**
     * Reads the file for the first time.
     *
     * @param key    the setting it holds, for messages ({@code openpanel.client-secret})
     * @param secret whether the content is a secret (remembered by the {@link SecretMasker})
     * @throws InvalidConfigurationException naming the file (not its content) when it is missing, unreadable or empty
     */
    public static CredentialFile open(String key, Path path, boolean secret) {
        CredentialFile file = new CredentialFile(key, path, secret);
        String problem = file.reload();
        if (problem != null) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(CredentialSetting.fileKey(key)) + " names "
                    + path.toAbsolutePath() + ", which " + problem + ".");
        }
        return file;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The current value: the file's content as of its last change. */
    @Override
    public synchronized String get() {
        String problem = reload();
        if (problem != null && !failing) {
            LOG.warn("{} could not be read again ({} {}); keeping the value read before", key, path.toAbsolutePath(), problem);
        }
        failing = problem != null;
        return value;
    }

    /** Reads the file when it changed (or was never read); returns why it could not, or null. */
    private String reload() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (value != null && attributes.lastModifiedTime().equals(modified) && attributes.size() == size
                    && Objects.equals(attributes.fileKey(), fileKey)) {
                return null;
            }
            String content = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                return "is empty";
            }
            if (secret) {
                SecretMasker.remember(content);
            }
            boolean changed = value != null && !value.equals(content);
            value = content;
            modified = attributes.lastModifiedTime();
            size = attributes.size();
            fileKey = attributes.fileKey();
            if (changed) {
                LOG.info("{} changed; using the new value from {}", key, path.toAbsolutePath());
            }
            return null;
        } catch (NoSuchFileException e) {
            return "does not exist";
        } catch (AccessDeniedException e) {
            return "cannot be read (permission denied)";
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }
}

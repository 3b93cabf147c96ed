package dev.openpanel.camel.rotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.files.PrivateFiles;

/**
 * The two files the tool's own root client is read from ({@code OPENPANEL_CLIENT_ID_FILE},
 * {@code OPENPANEL_CLIENT_SECRET_FILE}), replaced together by a rotation: both new values are first written beside them
 * as {@code <file>.rotating} (0600, forced to disk), then moved over the secret file and the id file, each in one
 * atomic rename. A crash between the two renames leaves the staged id file behind, and {@link #recover} finishes the
 * move before anything else uses the pair; a crash before staging completed leaves the old pair untouched.
 */
final class RootCredentialFiles {

    static final String STAGED = ".rotating";

    private final Path idFile;
    private final Path secretFile;

    RootCredentialFiles(Path idFile, Path secretFile) {
        this.idFile = idFile;
        this.secretFile = secretFile;
    }

    /** Replaces both files with the new pair. */
    void replace(String clientId, Secret secret) {
        try {
            PrivateFiles.write(staged(secretFile), (secret.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
            PrivateFiles.write(staged(idFile), (clientId + "\n").getBytes(StandardCharsets.UTF_8));
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the new root credentials to " + idFile + " and " + secretFile, e);
        }
    }

    /**
     * Finishes a replacement a crash interrupted, if it was for this client: true when the files now hold it. Staged
     * files of any other client (a replacement that never finished staging) are removed.
     */
    boolean recover(String clientId) {
        try {
            Path stagedId = staged(idFile);
            // the secret is staged before the id: a staged id means the staged secret is complete, or already moved
            if (Files.exists(stagedId) && clientId.equals(Files.readString(stagedId, StandardCharsets.UTF_8).strip())) {
                commit();
            }
            Files.deleteIfExists(staged(secretFile));
            Files.deleteIfExists(stagedId);
            return holds(clientId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root credential files " + idFile + " and " + secretFile, e);
        }
    }

    /** The two files, for messages and reports. */
    String describe() {
        return idFile.toAbsolutePath() + " and " + secretFile.toAbsolutePath();
    }

    /** Whether the id file names this client. */
    boolean holds(String clientId) throws IOException {
        return Files.exists(idFile) && clientId.equals(Files.readString(idFile, StandardCharsets.UTF_8).strip());
    }

    private void commit() throws IOException {
        if (Files.exists(staged(secretFile))) {
            Files.move(staged(secretFile), secretFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged(idFile), idFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(secretFile);
        forceFolder(idFile);
    }

    private static void forceFolder(Path file) throws IOException {
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    private static Path staged(Path file) {
        return file.resolveSibling(file.getFileName() + STAGED);
    }
}

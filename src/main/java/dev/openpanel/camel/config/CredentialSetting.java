package dev.openpanel.camel.config;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.openpanel.camel.logging.SecretMasker;

/**
 * A credential setting, given either as its value ({@code openpanel.client-secret}, {@code OPENPANEL_CLIENT_SECRET}) or
 * as a file that holds it ({@code openpanel.client-secret.file}, {@code OPENPANEL_CLIENT_SECRET_FILE}), never both.
 * The file form is read again when the file changes ({@link CredentialFile}).
 */
public final class CredentialSetting implements Supplier<String> {

    /** What a key's file form adds to it. */
    public static final String FILE_SUFFIX = ".file";

    private final String key;
    private final Supplier<String> value;
    private final Path file;

    private CredentialSetting(String key, Supplier<String> value, Path file) {
        this.key = key;
        this.value = value;
        this.file = file;
    }

    /** The key of a setting's file form: {@code openpanel.client-secret.file}. */
    public static String fileKey(String key) {
        return key + FILE_SUFFIX;
    }

    /**
     * Reads a setting in either form.
     *
     * @param secret whether the value is a secret (remembered by the {@link SecretMasker})
     * @return the setting, or null when neither form is set
     * @throws InvalidConfigurationException when both forms are set, or the file cannot be read
     */
    public static CredentialSetting resolve(Function<String, String> property, String key, boolean secret) {
        String plain = SettingValues.text(property, key, null);
        String path = SettingValues.text(property, fileKey(key), null);
        if (plain != null && path != null) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(key) + " and "
                    + EnvironmentOverrides.describe(fileKey(key)) + " are both set; set only one of them.");
        }
        if (path != null) {
            Path location = Path.of(path);
            return new CredentialSetting(key, CredentialFile.open(key, location, secret),
                    location);
        }
        if (plain == null) {
            return null;
        }
        if (secret) {
            SecretMasker.remember(plain);
        }
        return new CredentialSetting(key, () -> plain, null);
    }

    /** The current value, never null or blank. */
    @Override
    public String get() {
        return value.get();
    }

    /** The setting's key ({@code openpanel.client-secret}). */
    public String key() {
        return key;
    }

    /** Whether the value comes from a file. */
    public boolean fromFile() {
        return file != null;
    }

    /** The file the value comes from, or null. */
    public Path file() {
        return file;
    }
}

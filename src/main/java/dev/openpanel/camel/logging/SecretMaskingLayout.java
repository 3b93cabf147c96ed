package dev.openpanel.camel.logging;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginConfiguration;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A Log4j2 layout that formats with the layout it wraps, then masks secrets in the whole result (message, exception
 * and stack trace, context) with {@link SecretMasker}. Wrap every appender's layout in it:
 *
 * <pre>{@code
 * <Console name="console">
 *   <SecretMaskingLayout>
 *     <PatternLayout pattern="%d %-5p [%t] %c{1} - %m%n"/>
 *   </SecretMaskingLayout>
 * </Console>
 * }</pre>
 */
@Plugin(name = "SecretMaskingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE, printObject = true)
public final class SecretMaskingLayout extends AbstractStringLayout {

    private final Layout<? extends Serializable> inner;

    private SecretMaskingLayout(Configuration configuration, Layout<? extends Serializable> inner) {
        super(configuration, StandardCharsets.UTF_8, null, null);
        this.inner = inner;
    }

    /** Log4j2's factory: the nested layout, or the default pattern layout when there is none. */
    @PluginFactory
    public static SecretMaskingLayout createLayout(@PluginConfiguration Configuration configuration,
            @PluginElement("Layout") Layout<? extends Serializable> inner) {
        return new SecretMaskingLayout(configuration, inner != null ? inner : PatternLayout.createDefaultLayout(configuration));
    }

    @Override
    public String toSerializable(LogEvent event) {
        Serializable formatted = inner.toSerializable(event);
        String text = formatted instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(formatted);
        return SecretMasker.mask(text);
    }
}

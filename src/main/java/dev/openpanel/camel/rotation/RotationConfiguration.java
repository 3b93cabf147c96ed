package dev.openpanel.camel.rotation;

import java.time.Clock;

import org.apache.camel.CamelContext;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.cleanup.InvalidRulesException;
import dev.openpanel.camel.config.ContextConfiguration;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.OpenPanelSettings;

/**
 * Registers the rotation steps ({@value Rotations#BEAN}), sweep ({@value RotationSweep#BEAN}) and rule runs
 * ({@value RotationRuns#BEAN}) of {@code routes/rotation.camel.yaml}. The service checks the rotation rules at start-up:
 * a broken file stops it with the rule and field.
 */
public class RotationConfiguration extends ContextConfiguration {

    @Override
    public void configure(CamelContext context) {
        RotationSettings settings = RotationSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        OpenPanelSettings openpanel = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS, OpenPanelSettings.class);
        OpenPanelComponent component = context.getComponent(OpenPanelConfiguration.COMPONENT, OpenPanelComponent.class);
        Clock clock = Clock.systemUTC();
        NewRootCheck check = credentials -> component.manageApi(component.getManageApi().client().target().apiUrl(), credentials.clientId(),
                credentials.secret().reveal()).projects().list();
        RotationReports reports = new RotationReports(data, clock);
        Rotations rotations = new Rotations(component::getManageApi, data, settings, openpanel.isSandbox() ? null : openpanel.rootCredentials(),
                reports, check, clock);
        context.getRegistry().bind(Rotations.BEAN, rotations);
        context.getRegistry().bind(RotationSweep.BEAN, new RotationSweep(data.journals(), rotations::journals, clock));
        RotationRuns runs = new RotationRuns(settings, component::getManageApi, data.journals(), rotations::journals, reports, clock);
        if (isService()) {
            try {
                runs.rules();
            } catch (InvalidRulesException e) {
                throw new InvalidConfigurationException("the rotation rules file " + settings.rules() + " (openpanel.rotation.rules)"
                        + " cannot be used: " + e.getMessage());
            }
        }
        context.getRegistry().bind(RotationRuns.BEAN, runs);
    }
}

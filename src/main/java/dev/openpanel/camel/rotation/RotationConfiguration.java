package dev.openpanel.camel.rotation;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.OpenPanelSettings;

/** Registers the rotation steps ({@value Rotations#BEAN}) and sweep ({@value RotationSweep#BEAN}) of {@code routes/rotation.camel.yaml}. */
public class RotationConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        RotationSettings settings = RotationSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        OpenPanelSettings openpanel = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS, OpenPanelSettings.class);
        OpenPanelComponent component = context.getComponent(OpenPanelConfiguration.COMPONENT, OpenPanelComponent.class);
        Clock clock = Clock.systemUTC();
        NewRootCheck check = credentials -> component.manageApi(component.getManageApi().client().target().apiUrl(), credentials.clientId(),
                credentials.secret().reveal()).projects().list();
        Rotations rotations = new Rotations(component::getManageApi, data, settings, openpanel.isSandbox() ? null : openpanel.rootCredentials(),
                new RotationReports(data, clock), check, clock);
        context.getRegistry().bind(Rotations.BEAN, rotations);
        context.getRegistry().bind(RotationSweep.BEAN, new RotationSweep(rotations::journals, clock));
    }
}

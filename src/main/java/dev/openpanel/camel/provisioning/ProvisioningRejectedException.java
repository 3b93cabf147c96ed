package dev.openpanel.camel.provisioning;

/**
 * An event that cannot be provisioned as it is, whatever the API's state (e.g. its project name matches several
 * projects): a permanent failure, dead-lettered with this message as the reason.
 */
public class ProvisioningRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProvisioningRejectedException(String message) {
        super(message);
    }
}
